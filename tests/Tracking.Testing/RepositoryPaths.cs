namespace Tracking.Testing;

/// <summary>Where things are in the repository, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The provisioning scripts (<c>scripts/</c>); <c>./test.sh</c> exports <c>TRACKING_SCRIPTS</c>.</summary>
    public static string Scripts => Environment.GetEnvironmentVariable("TRACKING_SCRIPTS") is { Length: > 0 } scripts
        ? scripts
        : Path.Combine(Root, "scripts");

    /// <summary>The built server assembly, same configuration as the tests.</summary>
    public static string ServerAssembly
    {
        get
        {
            // The tests run from bin/<Configuration>/net10.0/: build the server in the same configuration.
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(Root, "src", "Tracking.Server", "bin", configuration, "net10.0", "Tracking.Server.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The server is not built at {path}; build the solution (./test.sh does).");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tracking.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Tracking.sln above " + AppContext.BaseDirectory);
    }
}
