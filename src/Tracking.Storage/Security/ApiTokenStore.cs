using Npgsql;

namespace Tracking.Storage.Security;

/// <summary>The <c>api_tokens</c> table: issue, find the holder of a presented token, list, revoke. Thread-safe.</summary>
public sealed class ApiTokenStore(NpgsqlDataSource dataSource)
{
    /// <summary>How stale <c>last_used_at</c> may get: a busy client does not write a row on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Issues a token for <paramref name="owner"/>; null when there is no such user.</summary>
    public async Task<IssuedToken?> IssueAsync(string owner, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var token = ApiTokens.New();
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_tokens (id, owner, name, token_hash, expires_at)
            SELECT $1, name, $3, $4, $5 FROM users WHERE name = $2
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(owner);
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(ApiTokens.Hash(token));
        command.Parameters.AddWithValue(expiresAt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? new IssuedToken(id, owner, name, token, expiresAt) : null;
    }

    /// <summary>
    /// The user holding <paramref name="token"/> and the token's id, if the token is known, unexpired and not revoked
    /// and its owner not disabled; null otherwise. Marks the token used.
    /// </summary>
    public async Task<(UserRecord User, Guid TokenId)?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        Guid id;
        DateTimeOffset? lastUsed;
        UserRecord user;
        await using (var command = dataSource.CreateCommand("""
            SELECT t.id, t.last_used_at, u.name, u.display_name, u.roles, u.disabled, u.password_hash IS NOT NULL, u.created_at, u.changed_at
            FROM api_tokens t JOIN users u ON u.name = t.owner
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled
            """))
        {
            command.Parameters.AddWithValue(ApiTokens.Hash(token));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            id = reader.GetGuid(0);
            lastUsed = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
            user = new UserRecord(reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4), reader.GetBoolean(5),
                reader.GetBoolean(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8));
        }

        if (lastUsed is null || DateTimeOffset.UtcNow - lastUsed.Value > LastUsedResolution)
        {
            await using var touch = dataSource.CreateCommand("UPDATE api_tokens SET last_used_at = now() WHERE id = $1");
            touch.Parameters.AddWithValue(id);
            await touch.ExecuteNonQueryAsync(cancellationToken);
        }

        return (user, id);
    }

    /// <summary>The tokens of <paramref name="owner"/> (every user's when null), newest first.</summary>
    public async Task<List<ApiTokenRecord>> ListAsync(string? owner, CancellationToken cancellationToken = default)
    {
        var tokens = new List<ApiTokenRecord>();
        await using var command = dataSource.CreateCommand("""
            SELECT id, owner, name, created_at, expires_at, last_used_at, revoked_at FROM api_tokens
            WHERE $1::text IS NULL OR owner = $1 ORDER BY created_at DESC, id DESC
            """);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = owner, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new ApiTokenRecord(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return tokens;
    }

    /// <summary>Revokes a token of <paramref name="owner"/>; false when it has no such token or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(string owner, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND owner = $2 AND revoked_at IS NULL");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(owner);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
