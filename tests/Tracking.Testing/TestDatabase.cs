using Npgsql;

namespace Tracking.Testing;

/// <summary>
/// A fresh, empty database on the test PostgreSQL/PostGIS cluster (connection string in <c>TRACKING_TEST_DB</c>,
/// exported by <c>./test.sh</c>), dropped again on dispose, so test classes never see each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static string ClusterConnectionString =>
        Environment.GetEnvironmentVariable("TRACKING_TEST_DB") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("TRACKING_TEST_DB is not set: run the tests with ./test.sh, which provisions PostgreSQL and sets it.");

    public static Task<TestDatabase> CreateAsync() => CreateAsync(ClusterConnectionString);

    public static async Task<TestDatabase> CreateAsync(string clusterConnectionString)
    {
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(clusterConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = name };
        return new TestDatabase(clusterConnectionString, name, builder.ConnectionString);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
