using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

public sealed class FramePhasesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Views_made_at_once_are_first_due_at_different_points_of_the_next_interval_in_turn()
    {
        var interval = TimeSpan.FromMilliseconds(500);
        var phases = new FramePhases(interval);

        var first = Enumerable.Range(0, FramePhases.Count).Select(_ => phases.FirstDue(Now)).ToList();

        Assert.Equal(FramePhases.Count, first.Distinct().Count());
        Assert.All(first, due => Assert.InRange(due, Now + (interval / FramePhases.Count), Now + interval));
        Assert.Equal(first[0], phases.FirstDue(Now));
    }
}
