using Npgsql;

namespace Tracking.Storage.Security;

/// <summary>
/// The <c>users</c> table. Password hashes come in and go out as opaque strings: hashing is the server's (ASP.NET Core
/// Identity's <c>PasswordHasher</c>). Role names are checked by the table. Thread-safe: each call takes its own pooled
/// connection.
/// </summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "name, display_name, roles, disabled, password_hash IS NOT NULL, created_at, changed_at";

    /// <summary>Adds a user; false when the name is taken (the existing user is left as it was).</summary>
    public async Task<bool> CreateAsync(string name, string displayName, string? passwordHash, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO users (name, display_name, password_hash, roles) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(displayName);
        command.Parameters.AddWithValue((object?)passwordHash ?? DBNull.Value);
        command.Parameters.AddWithValue(roles.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<UserRecord?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        (await FindWithPasswordAsync(name, cancellationToken))?.User;

    /// <summary>The user and their password hash (null when they have none), for signing in.</summary>
    public async Task<(UserRecord User, string? PasswordHash)?> FindWithPasswordAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns}, password_hash FROM users WHERE name = $1");
        command.Parameters.AddWithValue(name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (Read(reader), reader.IsDBNull(7) ? null : reader.GetString(7));
    }

    public async Task<List<UserRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var users = new List<UserRecord>();
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    /// <summary>Changes what is given (null: left as it is); the changed user, or null when there is no such user.</summary>
    public async Task<UserRecord?> ChangeAsync(
        string name, string? displayName, IReadOnlyList<string>? roles, bool? disabled, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE users SET display_name = coalesce($2, display_name), roles = coalesce($3, roles), disabled = coalesce($4, disabled),
                             changed_at = now()
            WHERE name = $1
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(name);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = displayName, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = roles?.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool?> { TypedValue = disabled, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Replaces the password hash; false when there is no such user.</summary>
    public async Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET password_hash = $2, changed_at = now() WHERE name = $1");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static UserRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetFieldValue<string[]>(2),
        reader.GetBoolean(3),
        reader.GetBoolean(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6));
}
