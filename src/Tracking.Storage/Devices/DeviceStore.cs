using Npgsql;

namespace Tracking.Storage.Devices;

/// <summary>The registered devices. Thread-safe: each call takes its own pooled connection.</summary>
public sealed class DeviceStore(NpgsqlDataSource dataSource)
{
    public const string RegisteredByApi = "api";
    public const string RegisteredOnFirstContact = "first-contact";

    public async Task<List<string>> LoadIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        await using var command = dataSource.CreateCommand("SELECT id FROM devices");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Registers a device; returns false when it was registered already (its record is left as it was).</summary>
    public async Task<bool> RegisterAsync(string id, string? name, string registeredBy, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO devices (id, name, registered_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue((object?)name ?? DBNull.Value);
        command.Parameters.AddWithValue(registeredBy);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<List<DeviceRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var devices = new List<DeviceRecord>();
        await using var command = dataSource.CreateCommand("SELECT id, name, registered_at, registered_by FROM devices ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(new DeviceRecord(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3)));
        }

        return devices;
    }
}
