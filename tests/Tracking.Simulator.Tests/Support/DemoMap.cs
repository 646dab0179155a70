using Tracking.Simulator.Fleet;
using Tracking.Testing;

namespace Tracking.Simulator.Tests.Support;

/// <summary>The demo force area (<c>maps/leicester</c>) as the simulation uses it, loaded once for every test that needs it.</summary>
public sealed class DemoMap
{
    private static readonly Lazy<WorldMap> Loaded = new(() => WorldMap.Load(Path.Combine(RepositoryPaths.Root, "maps", "leicester")));

    internal static WorldMap World => Loaded.Value;
}
