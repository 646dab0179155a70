namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Where things are in the repository. Building this project builds the server in the same configuration, so the
/// server the harness starts is always the one just built (src/Tracking.Server/bin/{Configuration}/net10.0).
/// </summary>
internal sealed record RepoPaths(string Root, string ServerDirectory)
{
    public string ServerDll => Path.Combine(ServerDirectory, "Tracking.Server.dll");

    public static RepoPaths Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tracking.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"Tracking.sln not found above {AppContext.BaseDirectory}: run the harness from the repository's build output.");
        }

        // bin/<Configuration>/<tfm>/ of this project tells which configuration was built.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent?.Name ?? "Release";
        var server = Path.Combine(directory.FullName, "src", "Tracking.Server", "bin", configuration, tfm.Name);
        return new RepoPaths(directory.FullName, server);
    }
}
