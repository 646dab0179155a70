namespace Tracking.Testing;

/// <summary>
/// A private PostgreSQL/PostGIS cluster of the test's own, made by <c>scripts/postgres.sh</c> in a temporary
/// directory, for tests that stop and start the database (an outage must not disturb other tests' database).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _script = Path.Combine(RepositoryPaths.Scripts, "postgres.sh");

    private PostgresCluster(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=tracking;Password=tracking;Database=tracking";

    public static async Task<PostgresCluster> CreateAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("tracking-pg-").FullName;
        var cluster = new PostgresCluster(directory, FreePort.Next());
        await ProcessRunner.RunCheckedAsync(cluster._script, "init", directory, cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return cluster;
    }

    public Task StopAsync() => ProcessRunner.RunCheckedAsync(_script, "stop", Directory);

    public Task StartAsync() => ProcessRunner.RunCheckedAsync(_script, "start", Directory);

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync(_script, ["stop", Directory]);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
