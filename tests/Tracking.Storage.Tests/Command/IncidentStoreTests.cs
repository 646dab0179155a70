using Npgsql;
using Tracking.Core.Dispatch;
using Tracking.Core.Incidents;
using Tracking.Core.Resources;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

public sealed class IncidentStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 21, 14, 5, TimeSpan.Zero);

    private IncidentStore Store => new(fixture.Database.DataSource);

    [Fact]
    public async Task An_incident_is_created_then_unchanged_when_resent_then_updated_when_changed()
    {
        // Coordinates with every bit significant: they must come back exactly.
        var incident = new Incident("ic-1", Grade.Emergency, "Burglary in progress", -1.1339871234567891, 52.63602873412345, ["firearms", "dog handler"], UnitType.ArmedResponseVehicle, T0, IncidentStatus.Open, null);

        var created = await Store.UpsertAsync(incident);
        var stamp = await UpdatedAtAsync("ic-1");
        var resent = await Store.UpsertAsync(incident with { RequiredSkills = ["firearms", "dog handler"] });
        var stampAfterResend = await UpdatedAtAsync("ic-1");
        var closed = incident with { Status = IncidentStatus.Closed, ClosedAt = T0.AddHours(1) };
        var updated = await Store.UpsertAsync(closed);

        Assert.Equal(IncidentWriteResult.Created, created);
        Assert.Equal(IncidentWriteResult.Unchanged, resent);
        Assert.Equal(stamp, stampAfterResend);
        Assert.Equal(IncidentWriteResult.Updated, updated);
        Assert.True(await UpdatedAtAsync("ic-1") > stamp);
        var stored = await Store.GetAsync("ic-1");
        Assert.NotNull(stored);
        Assert.True(closed.SameAs(stored), $"stored: {stored}");
        Assert.Equal(closed.Longitude, stored.Longitude);
        Assert.Null(await Store.GetAsync("ic-404"));
    }

    [Fact]
    public async Task A_change_in_the_order_of_required_skills_or_a_coordinate_bit_is_an_update()
    {
        var incident = new Incident("ic-2", Grade.Priority, "Concern for welfare", -1.5, 52.5, ["a", "b"], null, T0, IncidentStatus.Open, null);
        await Store.UpsertAsync(incident);

        Assert.Equal(IncidentWriteResult.Updated, await Store.UpsertAsync(incident with { RequiredSkills = ["b", "a"] }));
        Assert.Equal(IncidentWriteResult.Updated, await Store.UpsertAsync(incident with { RequiredSkills = ["b", "a"], Longitude = Math.BitIncrement(-1.5) }));
        Assert.Equal(IncidentWriteResult.Unchanged, await Store.UpsertAsync(incident with { RequiredSkills = ["b", "a"], Longitude = Math.BitIncrement(-1.5) }));
    }

    [Fact]
    public async Task A_closed_incident_without_closed_at_and_an_open_one_with_it_are_refused_by_the_database()
    {
        var incident = new Incident("ic-3", Grade.Scheduled, "Report of theft", -1.1, 52.6, [], null, T0, IncidentStatus.Closed, null);

        var closedWithoutTime = await Assert.ThrowsAsync<PostgresException>(() => Store.UpsertAsync(incident));
        var openWithTime = await Assert.ThrowsAsync<PostgresException>(() => Store.UpsertAsync(incident with { Status = IncidentStatus.Open, ClosedAt = T0 }));
        var offTheGlobe = await Assert.ThrowsAsync<PostgresException>(() => Store.UpsertAsync(incident with { Status = IncidentStatus.Open, Latitude = 91 }));

        Assert.All([closedWithoutTime, openWithTime, offTheGlobe], e => Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState));
        Assert.Null(await Store.GetAsync("ic-3"));
    }

    [Fact]
    public async Task Incidents_are_listed_by_status_and_a_half_open_range_of_creation_times()
    {
        Incident Make(string id, int minutes, IncidentStatus status) =>
            new(id, Grade.Priority, "Type", -1.1, 52.6, [], null, T0.AddDays(10).AddMinutes(minutes), status, status == IncidentStatus.Closed ? T0.AddDays(11) : null);
        var b = Make("il-b", 0, IncidentStatus.Open);
        var a = Make("il-a", 0, IncidentStatus.Closed);
        var c = Make("il-c", 30, IncidentStatus.Open);
        var d = Make("il-d", 60, IncidentStatus.Open);
        foreach (var incident in new[] { d, c, b, a })
        {
            await Store.UpsertAsync(incident);
        }

        var from = T0.AddDays(10);
        Assert.Equal(["il-a", "il-b", "il-c"], (await Store.ListAsync(null, from, from.AddMinutes(60))).Select(i => i.Id));
        Assert.Equal(["il-b", "il-c", "il-d"], (await Store.ListAsync(IncidentStatus.Open, from, null)).Select(i => i.Id));
        Assert.Equal(["il-a"], (await Store.ListAsync(IncidentStatus.Closed, from, null)).Select(i => i.Id));
        Assert.Equal(["il-d"], (await Store.ListAsync(null, from.AddMinutes(31), null)).Select(i => i.Id));
        Assert.True((await Store.ListAsync(null, null, null)).Count >= 4);
    }

    [Fact]
    public async Task A_later_assigned_or_arrival_time_does_not_overwrite_an_earlier_one_and_null_clears_nothing()
    {
        await SeedAsync("ia", IncidentStatus.Open);

        await Store.UpsertAttendanceAsync(new Attendance("ia-incident", "ia-unit", T0.AddMinutes(1), null, false));
        await Store.UpsertAttendanceAsync(new Attendance("ia-incident", "ia-unit", T0.AddMinutes(5), T0.AddMinutes(9), false));
        await Store.UpsertAttendanceAsync(new Attendance("ia-incident", "ia-unit", null, T0.AddMinutes(12), false));
        await Store.UpsertAttendanceAsync(new Attendance("ia-incident", "ia-other", null, T0.AddMinutes(7), true));

        Assert.Equal(
            [new Attendance("ia-incident", "ia-other", null, T0.AddMinutes(7), true), new Attendance("ia-incident", "ia-unit", T0.AddMinutes(1), T0.AddMinutes(9), false)],
            await Store.ListAttendancesAsync("ia-incident"));
    }

    [Fact]
    public async Task Attendances_of_open_incidents_leave_out_closed_ones()
    {
        await SeedAsync("io", IncidentStatus.Open);
        await SeedAsync("ix", IncidentStatus.Closed);
        await Store.UpsertAttendanceAsync(new Attendance("io-incident", "io-unit", T0, null, false));
        await Store.UpsertAttendanceAsync(new Attendance("ix-incident", "ix-unit", T0, T0.AddMinutes(3), false));

        var open = await Store.ListAttendancesOfOpenIncidentsAsync();

        Assert.Contains(new Attendance("io-incident", "io-unit", T0, null, false), open);
        Assert.DoesNotContain(open, a => a.IncidentId == "ix-incident");
        Assert.Empty(await Store.ListAttendancesAsync("io-404"));
    }

    private async Task SeedAsync(string prefix, IncidentStatus status)
    {
        var reference = new ReferenceStore(fixture.Database.DataSource);
        Assert.Empty((await reference.ImportUnitsAsync([new Unit($"{prefix}-unit", "Unit", UnitType.ResponseCar), new Unit($"{prefix}-other", "Other", UnitType.DogUnit)])).Errors);
        await Store.UpsertAsync(new Incident($"{prefix}-incident", Grade.Emergency, "Assault", -1.1, 52.6, [], null, T0, status, status == IncidentStatus.Closed ? T0.AddHours(1) : null));
    }

    private async Task<DateTime> UpdatedAtAsync(string id)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT updated_at FROM incidents WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}
