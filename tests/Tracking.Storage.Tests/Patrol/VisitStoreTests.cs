using Tracking.Core.Patrol;
using Tracking.Storage.Patrol;

namespace Tracking.Storage.Tests.Patrol;

public sealed class VisitStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_retracted_stay_is_replaced_by_its_correction_and_writing_a_stay_twice_stores_it_once()
    {
        var store = new VisitStore(fixture.Database.DataSource);
        var pass = new Stay("visits-1", AreaKeys.Location("PARK"), T0, T0.AddSeconds(20), 20, IsVisit: false);
        var beat = new Stay("visits-1", AreaKeys.Beat("PARK"), T0, T0.AddSeconds(90), 90, IsVisit: true);
        await store.WriteAsync([pass, beat], []);
        await store.WriteAsync([pass], []);

        // A late fix showed the unit stayed: the pass becomes a visit with the same start.
        var visit = pass with { Exit = T0.AddSeconds(80), InsideSeconds = 60, IsVisit = true };
        await store.WriteAsync([visit], [pass]);

        Assert.Equal([visit], await store.ListAsync("location", "PARK", T0.AddHours(-1), T0.AddHours(1)));
        Assert.Equal([beat], await store.ListAsync("beat", "PARK", T0.AddHours(-1), T0.AddHours(1)));
    }

    [Fact]
    public async Task A_retraction_whose_replacement_starts_elsewhere_deletes_the_old_row()
    {
        var store = new VisitStore(fixture.Database.DataSource);
        var early = new Stay("visits-2", AreaKeys.Location("ATM"), T0, T0.AddSeconds(10), 10, IsVisit: false);
        await store.WriteAsync([early], []);

        var merged = new Stay("visits-2", AreaKeys.Location("ATM"), T0.AddSeconds(-30), T0.AddSeconds(10), 40, IsVisit: false);
        await store.WriteAsync([merged], [early]);

        Assert.Equal([merged], await store.ListAsync("location", "ATM", T0.AddHours(-1), T0.AddHours(1)));
    }
}
