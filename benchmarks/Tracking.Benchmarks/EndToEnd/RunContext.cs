namespace Tracking.Benchmarks.EndToEnd;

/// <summary>What every scenario of one run shares: the options, where things are, and where to write logs.</summary>
internal sealed record RunContext(E2eOptions Options, RepoPaths Paths, string WorkDirectory, string PostgresDataDirectory, TextWriter Progress)
{
    /// <summary>A clean directory for one scenario's logs (and journal).</summary>
    public string ScenarioDirectory(string scenario)
    {
        var directory = Path.Combine(WorkDirectory, scenario);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Say(string message) => Progress.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
