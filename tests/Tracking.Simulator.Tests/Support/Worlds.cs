using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Tests.Support;

/// <summary>Builds simulated worlds over the demo map for tests, and steps them collecting every event.</summary>
internal static class Worlds
{
    /// <summary>A Wednesday evening: vehicles on their late shift, foot officers on theirs.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 17, 0, 0, TimeSpan.Zero);

    public static World Create(int vehicles, int foot, int seed, WorldOptions? options = null, DateTimeOffset? start = null, TimeSpan? span = null)
    {
        var from = start ?? Start;
        var map = DemoMap.World;
        var plan = FleetBuilder.Build(map.Map, map.Beats, new FleetOptions(vehicles, foot, seed, from, from + (span ?? TimeSpan.FromDays(1))));
        return new World(map, plan, (options ?? new WorldOptions()) with { Seed = seed }, from);
    }

    public static List<WorldEvent> Run(World world, TimeSpan span)
    {
        var events = new List<WorldEvent>();
        world.AdvanceTo(world.Now + span, events);
        return events;
    }
}
