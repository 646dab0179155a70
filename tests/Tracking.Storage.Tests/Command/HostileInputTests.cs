using Npgsql;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Incidents;
using Tracking.Core.Resources;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

/// <summary>SQL metacharacters are data, and oversized text is refused, by the rules and by the database itself.</summary>
public sealed class HostileInputTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private const string Injection = "'; DROP TABLE officers; --";
    private static readonly string Huge = new('x', 10_000);
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    private ReferenceStore Store => new(fixture.Database.DataSource);

    [Fact]
    public async Task Sql_metacharacters_in_every_reference_text_field_are_stored_verbatim()
    {
        var officer = new Officer("hx-1", Injection, Injection + " team", Injection + " station");
        var unit = new Unit("hx-unit", Injection, UnitType.Van, Injection, Injection);
        var device = new TrackedDevice("hx-dev", DeviceKind.Phone, Injection);
        var accreditation = new Accreditation("hx-1", Injection, null);

        Assert.Empty((await Store.ImportOfficersAsync([officer])).Errors);
        Assert.Empty((await Store.ImportUnitsAsync([unit])).Errors);
        Assert.Empty((await Store.ImportDevicesAsync([device])).Errors);
        Assert.Empty((await Store.ImportAccreditationsAsync([accreditation])).Errors);

        Assert.Equal(officer, await Store.GetOfficerAsync("hx-1"));
        Assert.Equal(unit, await Store.GetUnitAsync("hx-unit"));
        Assert.Contains(device, await Store.ListDevicesAsync());
        Assert.Contains(accreditation, await Store.ListAccreditationsAsync());
        Assert.Equal(DeleteResult.Deleted, await Store.DeleteAccreditationAsync("hx-1", Injection));
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'officers'"));
    }

    [Fact]
    public async Task Sql_metacharacters_in_ids_are_row_errors_and_lookups_by_them_find_nothing()
    {
        var officers = await Store.ImportOfficersAsync([new Officer(Injection, "PC One")]);
        var devices = await Store.ImportDevicesAsync([new TrackedDevice(Injection, DeviceKind.Phone)]);
        var shifts = await Store.ImportShiftsAsync([new Shift(Injection, Injection, T0, T0.AddHours(1), Injection, [new CrewMember(Injection, Injection, Injection)])]);

        Assert.Equal((1, "id"), (Assert.Single(officers.Errors).Row, officers.Errors[0].Field));
        Assert.Equal((1, "id"), (Assert.Single(devices.Errors).Row, devices.Errors[0].Field));
        Assert.Equal(["id", "unit", "vehicle", "officer", "radio", "phone"], shifts.Errors.Select(e => e.Field));
        Assert.Null(await Store.GetOfficerAsync(Injection));
        Assert.Null(await Store.GetShiftAsync(Injection));
        Assert.Equal(DeleteResult.NotFound, await Store.DeleteOfficerAsync(Injection));
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'officers'"));
    }

    [Fact]
    public async Task Ten_thousand_characters_in_any_reference_text_field_is_a_row_error()
    {
        var officers = await Store.ImportOfficersAsync([new Officer("hh-1", Huge, Huge, Huge)]);
        var units = await Store.ImportUnitsAsync([new Unit("hh-unit", Huge, UnitType.Van, Huge, Huge)]);
        var devices = await Store.ImportDevicesAsync([new TrackedDevice("hh-dev", DeviceKind.Phone, Huge)]);
        var accreditations = await Store.ImportAccreditationsAsync([new Accreditation("hh-1", Huge, null)]);
        var shifts = await Store.ImportShiftsAsync([new Shift(Huge, Huge, T0, T0.AddHours(1), Huge, [new CrewMember(Huge, Huge, Huge)])]);

        Assert.Equal(["name", "team", "station"], officers.Errors.Select(e => e.Field));
        Assert.Equal(["callSign", "station", "team"], units.Errors.Select(e => e.Field));
        Assert.Equal(["name"], devices.Errors.Select(e => e.Field));
        Assert.Equal(["skill"], accreditations.Errors.Select(e => e.Field));
        Assert.Equal(["id", "unit", "vehicle", "officer", "radio", "phone"], shifts.Errors.Select(e => e.Field));
        Assert.All(officers.Errors.Concat(units.Errors).Concat(devices.Errors).Concat(accreditations.Errors), e => Assert.Contains("10,000 characters", e.Message, StringComparison.Ordinal));
        Assert.Null(await Store.GetOfficerAsync("hh-1"));
    }

    [Theory]
    [InlineData("INSERT INTO officers (id, name) VALUES ('hd-1', $1)")]
    [InlineData("INSERT INTO officers (id, name, team) VALUES ('hd-2', 'n', $1)")]
    [InlineData("INSERT INTO units (id, call_sign, type, station) VALUES ('hd-3', 'c', 'van', $1)")]
    [InlineData("INSERT INTO devices (id, name, registered_by) VALUES ('hd-4', $1, 'api')")]
    [InlineData("INSERT INTO incidents (id, grade, type, location, created_at, status) VALUES ('hd-5', 1, $1, ST_MakePoint(0, 0)::geometry(Point, 4326), now(), 'open')")]
    [InlineData("INSERT INTO incidents (id, grade, type, location, created_at, status, required_skills) VALUES ('hd-6', 1, 't', ST_MakePoint(0, 0)::geometry(Point, 4326), now(), 'open', ARRAY[$1])")]
    [InlineData("INSERT INTO alarms (id, device_id, location, raised_at, source, cleared_at, cleared_by, clear_note) VALUES (gen_random_uuid(), 'd', ST_MakePoint(0, 0)::geometry(Point, 4326), now(), 'fix', now(), 'x', $1)")]
    public async Task The_database_refuses_a_megabyte_string_even_when_a_caller_skips_the_rules(string sql)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(new string('x', 1 << 20));

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
    }

    [Fact]
    public async Task Incident_status_and_alarm_text_keeps_sql_metacharacters_verbatim_and_refuses_ten_thousand_characters()
    {
        Assert.Empty((await Store.ImportUnitsAsync([new Unit("hs-unit", "Unit", UnitType.ResponseCar)])).Errors);
        var incidents = new IncidentStore(fixture.Database.DataSource);
        var statuses = new UnitStatusStore(fixture.Database.DataSource);
        var alarms = new AlarmStore(fixture.Database.DataSource);
        var incident = new Incident("hs-incident", Grade.Emergency, Injection, -1.1, 52.6, [Injection], null, T0, IncidentStatus.Open, null);
        var change = new UnitStatusChange("hs-unit", UnitStatus.Unavailable, T0, StatusCause.Dispatcher, Injection, "hs-incident");
        var alarm = AlarmStoreTests.NewAlarm(T0);

        await incidents.UpsertAsync(incident);
        await statuses.AppendAsync([change]);
        await alarms.InsertAsync(alarm);
        Assert.True(await alarms.ClearAsync(alarm.Id, T0.AddMinutes(1), Injection, Injection));

        Assert.True(incident.SameAs((await incidents.GetAsync("hs-incident"))!));
        Assert.Equal([change], await statuses.HistoryAsync("hs-unit", T0, T0.AddSeconds(1)));
        Assert.Equal((Injection, Injection), ((await alarms.GetAsync(alarm.Id))!.ClearedBy, (await alarms.GetAsync(alarm.Id))!.ClearNote));

        await Assert.ThrowsAsync<PostgresException>(() => incidents.UpsertAsync(incident with { Id = "hs-huge", Type = Huge }));
        await Assert.ThrowsAsync<PostgresException>(() => statuses.AppendAsync([change with { Reason = Huge }]));
        var other = AlarmStoreTests.NewAlarm(T0);
        await alarms.InsertAsync(other);
        await Assert.ThrowsAsync<PostgresException>(() => alarms.ClearAsync(other.Id, T0, "dispatcher", Huge));
        Assert.True((await alarms.GetAsync(other.Id))!.IsOpen);
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'officers'"));
    }
}
