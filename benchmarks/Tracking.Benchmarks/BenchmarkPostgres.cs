using Tracking.Testing;

namespace Tracking.Benchmarks;

/// <summary>
/// The PostgreSQL/PostGIS cluster of the benchmarks that need one (database baselines, stored
/// history): <c>TRACKING_TEST_DB</c> when set (as <c>./test.sh</c> exports it), otherwise the
/// development cluster <c>./test.sh</c> uses, created or started by <c>scripts/postgres.sh</c>.
/// </summary>
internal static class BenchmarkPostgres
{
    private const string DevelopmentPort = "55432";

    public static string ClusterConnectionString()
    {
        if (Environment.GetEnvironmentVariable("TRACKING_TEST_DB") is { Length: > 0 } configured)
        {
            return configured;
        }

        var script = Path.Combine(RepositoryPaths.Scripts, "postgres.sh");
        Run(script, "install");
        Run(script, "init", Path.Combine(RepositoryPaths.Root, ".data", "pg"), DevelopmentPort);
        return Run(script, "url", DevelopmentPort).Trim();
    }

    private static string Run(string script, params string[] arguments)
    {
        var (exitCode, output) = ProcessRunner.RunAsync(script, arguments, TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
    }
}
