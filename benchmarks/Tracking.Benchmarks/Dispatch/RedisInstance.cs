using System.Globalization;
using Tracking.Testing;

namespace Tracking.Benchmarks.Dispatch;

/// <summary>
/// A private Redis for a baseline, started and stopped through <c>scripts/redis.sh</c> (installed
/// from Debian when missing) on a free loopback port, with its files in a temporary directory
/// and no persistence.
/// </summary>
internal sealed class RedisInstance : IDisposable
{
    private readonly string _script;
    private readonly string _directory;

    private RedisInstance(string script, string directory, int port)
    {
        _script = script;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public static RedisInstance Start()
    {
        var script = Path.Combine(RepositoryPaths.Scripts, "redis.sh");
        Run(script, "install");
        var directory = Directory.CreateTempSubdirectory("tracking-redis-").FullName;
        var port = FreePort.Next();
        Run(script, "start", directory, port.ToString(CultureInfo.InvariantCulture));
        return new RedisInstance(script, directory, port);
    }

    public void Dispose()
    {
        Run(_script, "stop", _directory);
        Directory.Delete(_directory, recursive: true);
    }

    private static void Run(string script, params string[] arguments) =>
        ProcessRunner.RunCheckedAsync(script, arguments).GetAwaiter().GetResult();
}
