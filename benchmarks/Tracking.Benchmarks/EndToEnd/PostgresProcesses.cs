using System.Globalization;
using System.Text.RegularExpressions;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The PostgreSQL processes that work for one benchmark database: the postmaster (first line of
/// <c>PGDATA/postmaster.pid</c>), its shared background processes (WAL writer, checkpointer, background writer…,
/// which do our WAL and checkpoint work), and the backends and autovacuum workers of our database. Backends of
/// other databases are left out: the cluster is shared with other work on this machine.
/// </summary>
internal sealed partial class PostgresProcesses
{
    private readonly int _postmaster;
    private readonly string _database;

    public PostgresProcesses(string dataDirectory, string database)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            throw new InvalidOperationException($"{pidFile} not found: is the cluster running? Pass its PGDATA with --pg-data.");
        }

        _postmaster = int.Parse(File.ReadLines(pidFile).First().Trim(), CultureInfo.InvariantCulture);
        _database = database;
    }

    public IEnumerable<int> Find()
    {
        yield return _postmaster;
        foreach (var child in ProcStat.Children(_postmaster))
        {
            if (ServesOurs(ProcStat.CommandLine(child)))
            {
                yield return child;
            }
        }
    }

    private bool ServesOurs(string title)
    {
        if (Backend().Match(title) is { Success: true } backend)
        {
            return backend.Groups["db"].Value == _database;
        }

        if (AutovacuumWorker().Match(title) is { Success: true } worker)
        {
            return worker.Groups["db"].Value == _database;
        }

        return true; // a shared background process
    }

    /// <summary>A client backend's title: <c>postgres: user database host(port) activity</c> or <c>… [local] …</c>.</summary>
    [GeneratedRegex(@"^postgres: \S+ (?<db>\S+) (\S+\(\d+\)|\[local\])")]
    private static partial Regex Backend();

    [GeneratedRegex(@"^postgres: autovacuum worker (?<db>\S+)")]
    private static partial Regex AutovacuumWorker();
}
