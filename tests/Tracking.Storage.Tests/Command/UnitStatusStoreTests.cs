using Npgsql;
using Tracking.Core.Dispatch;
using Tracking.Core.Resources;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

public sealed class UnitStatusStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    private UnitStatusStore Store => new(fixture.Database.DataSource);

    [Fact]
    public async Task The_latest_change_per_unit_is_the_one_with_the_latest_time_and_a_tie_goes_to_the_last_appended()
    {
        await SeedUnitsAsync("sl-1", "sl-2", "sl-quiet");
        var atScene = new UnitStatusChange("sl-1", UnitStatus.AtScene, T0.AddMinutes(9), StatusCause.Arrival, IncidentId: "CAD-1");
        await Store.AppendAsync(
        [
            new UnitStatusChange("sl-1", UnitStatus.Available, T0, StatusCause.ShiftStart),
            atScene,
            new UnitStatusChange("sl-2", UnitStatus.Available, T0, StatusCause.ShiftStart),
        ]);

        // Arrives late (an out-of-order fix): older than the latest, so it is history, not the status.
        await Store.AppendAsync([new UnitStatusChange("sl-1", UnitStatus.Assigned, T0.AddMinutes(2), StatusCause.Assignment, IncidentId: "CAD-1")]);
        var second = new UnitStatusChange("sl-2", UnitStatus.Unavailable, T0, StatusCause.Dispatcher, "Refreshments");
        await Store.AppendAsync([new UnitStatusChange("sl-2", UnitStatus.OffDuty, T0, StatusCause.ShiftEnd), second]);

        var latest = await Store.LatestAsync();

        Assert.Equal(atScene, latest["sl-1"]);
        Assert.Equal(second, latest["sl-2"]);
        Assert.False(latest.ContainsKey("sl-quiet"));
    }

    [Fact]
    public async Task History_lists_one_units_changes_in_a_half_open_range_oldest_first()
    {
        await SeedUnitsAsync("sh-1", "sh-2");
        UnitStatusChange[] changes =
        [
            new("sh-1", UnitStatus.Available, T0, StatusCause.ShiftStart),
            new("sh-1", UnitStatus.Assigned, T0.AddMinutes(1), StatusCause.Assignment, null, "CAD-7"),
            new("sh-2", UnitStatus.Available, T0.AddMinutes(1), StatusCause.Dispatcher),
            new("sh-1", UnitStatus.AtScene, T0.AddMinutes(5), StatusCause.Arrival, null, "CAD-7"),
            new("sh-1", UnitStatus.Available, T0.AddMinutes(30), StatusCause.IncidentClosed, "Resulted", "CAD-7"),
        ];
        await Store.AppendAsync(changes);

        Assert.Equal([changes[1], changes[3]], await Store.HistoryAsync("sh-1", T0.AddMinutes(1), T0.AddMinutes(30)));
        Assert.Equal([changes[0], changes[1], changes[3], changes[4]], await Store.HistoryAsync("sh-1", T0, T0.AddDays(1)));
        Assert.Empty(await Store.HistoryAsync("sh-404", T0, T0.AddDays(1)));
    }

    [Fact]
    public async Task A_batch_with_one_malformed_change_is_refused_whole()
    {
        await SeedUnitsAsync("sb-1");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Store.AppendAsync(
        [
            new UnitStatusChange("sb-1", UnitStatus.Available, T0, StatusCause.Dispatcher),
            new UnitStatusChange("sb-1", UnitStatus.Unavailable, T0, StatusCause.Dispatcher, new string('r', 501)),
        ]));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Empty(await Store.HistoryAsync("sb-1", T0.AddDays(-1), T0.AddDays(1)));
    }

    [Fact]
    public async Task A_crew_foot_patrol_has_a_history_of_its_own_and_keeps_its_unit_from_being_deleted()
    {
        await SeedUnitsAsync("sf-1");

        await Store.AppendAsync([new UnitStatusChange("sf-1.4521", UnitStatus.Available, T0, StatusCause.Device, "radio away from sf-1")]);

        Assert.Equal("radio away from sf-1", Assert.Single(await Store.HistoryAsync("sf-1.4521", T0.AddDays(-1), T0.AddDays(1))).Reason);
        Assert.Equal(DeleteResult.InUse, await new ReferenceStore(fixture.Database.DataSource).DeleteUnitAsync("sf-1"));
    }

    private async Task SeedUnitsAsync(params string[] ids)
    {
        var result = await new ReferenceStore(fixture.Database.DataSource).ImportUnitsAsync([.. ids.Select(id => new Unit(id, id, UnitType.ResponseCar))]);
        Assert.Empty(result.Errors);
    }
}
