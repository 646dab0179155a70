namespace Tracking.MapGenerator.Tests;

/// <summary>
/// The demo area, generated once for all tests: in memory, written to a temporary directory, and
/// the committed copy in <c>maps/leicester</c>.
/// </summary>
internal static class DemoArea
{
    private static readonly string CommittedDirectory = Path.Combine(RepositoryRoot(), "maps", "leicester");
    private static readonly Lazy<GeneratedForceArea> LazyGenerated = new(() => ForceAreaGenerator.GenerateArea(new ForceAreaOptions()));
    private static readonly Lazy<string> LazyWritten = new(() =>
    {
        var directory = WriteToTemporaryDirectory(Generated);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return directory;
    });
    private static readonly Lazy<MapFiles> LazyFiles = new(() => MapFiles.Load(CommittedDirectory));

    public static GeneratedForceArea Generated => LazyGenerated.Value;

    /// <summary>A fresh generation with the committed seed, written to a temporary directory.</summary>
    public static string Written => LazyWritten.Value;

    /// <summary>The committed demo area.</summary>
    public static string Committed => CommittedDirectory;

    /// <summary>The committed files, parsed.</summary>
    public static MapFiles Files => LazyFiles.Value;

    public static string WriteToTemporaryDirectory(GeneratedForceArea area)
    {
        var directory = Path.Combine(Path.GetTempPath(), "tracking-map-" + Guid.NewGuid().ToString("N"));
        ForceMapWriter.Write(area, directory);
        return directory;
    }

    private static string RepositoryRoot()
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
