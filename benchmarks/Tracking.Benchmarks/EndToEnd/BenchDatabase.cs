using System.Globalization;
using Npgsql;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// A fresh database for one scenario, so every scenario starts from empty tables and indexes, dropped afterwards
/// (<c>WITH (FORCE)</c> ends any session a crashed server left behind).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _maintenance;
    private readonly bool _keep;

    private BenchDatabase(string maintenance, string name, bool keep)
    {
        _maintenance = maintenance;
        Name = name;
        _keep = keep;
        ConnectionString = new NpgsqlConnectionStringBuilder(maintenance) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string maintenance, string scenario, bool keep)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"bench_{scenario.Replace('-', '_')}_{DateTime.UtcNow:yyyyMMddHHmmss}");
        await using var connection = new NpgsqlConnection(maintenance);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new BenchDatabase(maintenance, name, keep);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<T> ValueAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_keep)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_maintenance);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
