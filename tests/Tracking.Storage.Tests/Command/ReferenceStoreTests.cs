using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Resources;
using Tracking.Storage.Command;
using Tracking.Storage.Devices;

namespace Tracking.Storage.Tests.Command;

public sealed class ReferenceStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Late = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    private ReferenceStore Store => new(fixture.Database.DataSource);

    [Fact]
    public async Task Officers_are_created_then_counted_as_updated_on_reimport_which_changes_nothing()
    {
        Officer[] officers = [new("ro-2", "PC John Doe"), new("ro-1", "PC Jane Smith", "Aylesmere", "S02")];

        var created = await Store.ImportOfficersAsync(officers);
        var stamp = await UpdatedAtAsync("officers", "ro-1");
        var again = await Store.ImportOfficersAsync(officers);

        Assert.Equal(new ImportResult(2, 0, []).ToString(), created.ToString());
        Assert.Equal((0, 2), (again.Created, again.Updated));
        Assert.Empty(again.Errors);
        Assert.Equal(stamp, await UpdatedAtAsync("officers", "ro-1"));
        Assert.Equal([officers[1], officers[0]], (await Store.ListOfficersAsync()).Where(o => o.Id.StartsWith("ro-", StringComparison.Ordinal)));
        Assert.Equal(officers[1], await Store.GetOfficerAsync("ro-1"));
        Assert.Null(await Store.GetOfficerAsync("ro-404"));
    }

    [Fact]
    public async Task A_changed_officer_is_updated_and_only_its_row_gets_a_new_updated_at()
    {
        await Store.ImportOfficersAsync([new Officer("rc-1", "PC Jane Smith", "Aylesmere"), new Officer("rc-2", "PC John Doe")]);
        var untouched = await UpdatedAtAsync("officers", "rc-2");
        var before = await UpdatedAtAsync("officers", "rc-1");

        var result = await Store.ImportOfficersAsync([new Officer("rc-1", "PS Jane Smith", null, "S01"), new Officer("rc-2", "PC John Doe")]);

        Assert.Equal((0, 2), (result.Created, result.Updated));
        Assert.Equal(new Officer("rc-1", "PS Jane Smith", null, "S01"), await Store.GetOfficerAsync("rc-1"));
        Assert.True(await UpdatedAtAsync("officers", "rc-1") > before);
        Assert.Equal(untouched, await UpdatedAtAsync("officers", "rc-2"));
    }

    [Fact]
    public async Task A_missing_officer_in_row_3_writes_nothing_and_the_error_names_row_3_and_its_field()
    {
        await Store.ImportOfficersAsync([new Officer("ra-1", "PC One")]);

        var result = await Store.ImportAccreditationsAsync(
        [
            new Accreditation("ra-1", "firearms", Late.AddYears(1)),
            new Accreditation("ra-1", "taser", null),
            new Accreditation("ra-404", "first aid", null),
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal("officer", error.Field);
        Assert.Contains("ra-404", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), (result.Created, result.Updated));
        Assert.DoesNotContain(await Store.ListAccreditationsAsync(), a => a.OfficerId == "ra-1");
    }

    [Fact]
    public async Task Accreditations_are_keyed_by_officer_and_skill_without_case()
    {
        await Store.ImportOfficersAsync([new Officer("rk-1", "PC One"), new Officer("rk-2", "PC Two")]);
        await Store.ImportAccreditationsAsync([new Accreditation("rk-1", "Firearms", Late), new Accreditation("rk-2", "firearms", null)]);

        var changed = await Store.ImportAccreditationsAsync([new Accreditation("rk-1", "firearms", Late.AddYears(1))]);
        var duplicate = await Store.ImportAccreditationsAsync([new Accreditation("rk-1", "taser", null), new Accreditation("rk-1", "TASER", null)]);

        Assert.Equal((0, 1), (changed.Created, changed.Updated));
        Assert.Equal(
            [new Accreditation("rk-1", "firearms", Late.AddYears(1)), new Accreditation("rk-2", "firearms", null)],
            (await Store.ListAccreditationsAsync()).Where(a => a.OfficerId.StartsWith("rk-", StringComparison.Ordinal)));
        var error = Assert.Single(duplicate.Errors);
        Assert.Equal((2, "skill"), (error.Row, error.Field));

        Assert.Equal(DeleteResult.Deleted, await Store.DeleteAccreditationAsync("rk-1", "FIREARMS"));
        Assert.Equal(DeleteResult.NotFound, await Store.DeleteAccreditationAsync("rk-1", "firearms"));
        Assert.Equal([new Accreditation("rk-2", "firearms", null)], (await Store.ListAccreditationsAsync()).Where(a => a.OfficerId.StartsWith("rk-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Units_of_every_type_are_stored_and_read_back()
    {
        var units = Enum.GetValues<UnitType>().Select((type, i) => new Unit($"ru-{i}", $"Lima Romeo {i}", type, i % 2 == 0 ? "S01" : null, i % 3 == 0 ? "Aylesmere" : null)).ToArray();

        var result = await Store.ImportUnitsAsync(units);

        Assert.Equal((units.Length, 0), (result.Created, result.Updated));
        Assert.Equal(units, (await Store.ListUnitsAsync()).Where(u => u.Id.StartsWith("ru-", StringComparison.Ordinal)));
        Assert.Equal(units[1], await Store.GetUnitAsync("ru-1"));
        Assert.Equal(
            "armedResponseVehicle",
            await ScalarTextAsync("SELECT type FROM units WHERE id = 'ru-1'"));
    }

    [Fact]
    public async Task Devices_get_their_kind_and_one_registered_on_first_contact_keeps_its_registration()
    {
        await new DeviceStore(fixture.Database.DataSource).RegisterAsync("rd-radio", null, DeviceStore.RegisteredOnFirstContact);

        var result = await Store.ImportDevicesAsync([new TrackedDevice("rd-veh", DeviceKind.VehicleTracker, "FX21 ABC"), new TrackedDevice("rd-radio", DeviceKind.AirwaveRadio)]);

        Assert.Equal((1, 1), (result.Created, result.Updated));
        Assert.Equal(
            [new TrackedDevice("rd-radio", DeviceKind.AirwaveRadio), new TrackedDevice("rd-veh", DeviceKind.VehicleTracker, "FX21 ABC")],
            (await Store.ListDevicesAsync()).Where(d => d.Id.StartsWith("rd-", StringComparison.Ordinal)));
        Assert.Equal(DeviceStore.RegisteredOnFirstContact, await ScalarTextAsync("SELECT registered_by FROM devices WHERE id = 'rd-radio'"));
        Assert.Equal(DeviceStore.RegisteredByApi, await ScalarTextAsync("SELECT registered_by FROM devices WHERE id = 'rd-veh'"));
    }

    [Fact]
    public async Task A_device_registered_without_a_kind_is_listed_as_unknown()
    {
        await new DeviceStore(fixture.Database.DataSource).RegisterAsync("rd-unknown", "old", DeviceStore.RegisteredByApi);

        Assert.Contains(new TrackedDevice("rd-unknown", DeviceKind.Unknown, "old"), await Store.ListDevicesAsync());
    }

    [Fact]
    public async Task Reimporting_a_shift_keeps_it_as_it_was_and_a_new_crew_replaces_the_old_in_order()
    {
        await SeedRotaAsync("rs");
        var shift = new Shift("rs-late", "rs-unit", Late, Late.AddHours(10), "rs-veh", [new CrewMember("rs-a", "rs-r1"), new CrewMember("rs-b")]);

        var created = await Store.ImportShiftsAsync([shift]);
        var stamp = await UpdatedAtAsync("shifts", "rs-late");
        var same = await Store.ImportShiftsAsync([shift]);
        var unchangedStamp = await UpdatedAtAsync("shifts", "rs-late");
        var recrewed = shift with { Crew = [new CrewMember("rs-c"), new CrewMember("rs-a", "rs-r2")] };
        var replaced = await Store.ImportShiftsAsync([recrewed]);

        Assert.Equal((1, 0), (created.Created, created.Updated));
        Assert.Equal((0, 1), (same.Created, same.Updated));
        Assert.Equal(stamp, unchangedStamp);
        Assert.Equal((0, 1), (replaced.Created, replaced.Updated));
        Assert.True(await UpdatedAtAsync("shifts", "rs-late") > stamp);
        Assert.Equal(Rows.Text(recrewed), Rows.Text((await Store.GetShiftAsync("rs-late"))!));
        Assert.Equal(2, await fixture.Database.ScalarAsync("SELECT count(*) FROM shift_crew WHERE shift_id = 'rs-late'"));
    }

    [Fact]
    public async Task A_crew_members_phone_is_stored_and_read_back_and_a_new_phone_alone_rewrites_the_crew()
    {
        await SeedRotaAsync("rp");
        var shift = new Shift("rp-foot", "rp-unit", Late, Late.AddHours(8), null,
            [new CrewMember("rp-a", "rp-r1", "rp-p1"), new CrewMember("rp-b", PhoneDeviceId: "rp-p2"), new CrewMember("rp-c", "rp-r2")]);

        await Store.ImportShiftsAsync([shift]);
        var stored = await Store.GetShiftAsync("rp-foot");
        var stamp = await UpdatedAtAsync("shifts", "rp-foot");
        var rephoned = shift with { Crew = [new CrewMember("rp-a", "rp-r1"), new CrewMember("rp-b", PhoneDeviceId: "rp-p1"), new CrewMember("rp-c", "rp-r2")] };
        var replaced = await Store.ImportShiftsAsync([rephoned]);

        Assert.Equal(Rows.Text(shift), Rows.Text(stored!));
        Assert.Equal((0, 1), (replaced.Created, replaced.Updated));
        Assert.True(await UpdatedAtAsync("shifts", "rp-foot") > stamp);
        Assert.Equal(Rows.Text(rephoned), Rows.Text((await Store.ListShiftsAsync(Late, Late.AddHours(1))).Single(s => s.Id == "rp-foot")));
        Assert.Equal("rp-p1", await ScalarTextAsync("SELECT phone_device_id FROM shift_crew WHERE shift_id = 'rp-foot' AND officer_id = 'rp-b'"));
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM shift_crew WHERE shift_id = 'rp-foot' AND officer_id = 'rp-a' AND phone_device_id IS NULL"));
    }

    [Fact]
    public async Task A_device_carried_twice_on_one_shift_as_radios_or_phones_or_a_phone_id_that_is_no_device_id_is_refused()
    {
        var result = await Store.ImportShiftsAsync(
        [
            // One officer's radio and phone, one officer's radio and another's phone, two officers' phones.
            new Shift("rd-1", "rd-unit", Late, Late.AddHours(8), null, [new CrewMember("rd-a", "rd-d1", "rd-d1")]),
            new Shift("rd-2", "rd-unit", Late, Late.AddHours(8), null, [new CrewMember("rd-a", "rd-d1"), new CrewMember("rd-b", PhoneDeviceId: "rd-d1")]),
            new Shift("rd-3", "rd-unit", Late, Late.AddHours(8), null, [new CrewMember("rd-a", PhoneDeviceId: "rd-d2"), new CrewMember("rd-b", PhoneDeviceId: "rd-d2")]),
            new Shift("rd-4", "rd-unit", Late, Late.AddHours(8), null, [new CrewMember("rd-a", "rd-d1", "pc 13/phone")]),
            // The same devices on another shift, each once: nothing wrong here.
            new Shift("rd-5", "rd-unit", Late, Late.AddHours(8), null, [new CrewMember("rd-a", "rd-d1", "rd-d2"), new CrewMember("rd-b", "rd-d3")]),
        ]);

        Assert.Equal([(1, "phone"), (2, "phone"), (3, "phone"), (4, "phone")], result.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal("Device 'rd-d1' is already carried by officer 'rd-a' on this shift (as their radio).", result.Errors[0].Message);
        Assert.Equal("Device 'rd-d1' is already carried by officer 'rd-a' on this shift (as their radio).", result.Errors[1].Message);
        Assert.Equal("Device 'rd-d2' is already carried by officer 'rd-a' on this shift (as their phone).", result.Errors[2].Message);
        Assert.Contains("not a valid device id", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM shifts WHERE id LIKE 'rd-%'"));
    }

    [Fact]
    public async Task A_shift_naming_a_missing_radio_in_row_3_writes_no_shift_at_all()
    {
        await SeedRotaAsync("rm");
        Shift[] shifts =
        [
            new("rm-1", "rm-unit", Late, Late.AddHours(8), "rm-veh", [new CrewMember("rm-a")]),
            new("rm-2", "rm-unit", Late, Late.AddHours(8), null, []),
            new("rm-3", "rm-unit", Late, Late.AddHours(8), null, [new CrewMember("rm-b", "rm-gone")]),
        ];

        var result = await Store.ImportShiftsAsync(shifts);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "radio"), (error.Row, error.Field));
        Assert.Null(await Store.GetShiftAsync("rm-1"));
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM shifts WHERE id LIKE 'rm-%'"));
    }

    [Fact]
    public async Task Every_missing_reference_of_a_shift_is_reported_with_its_field()
    {
        var result = await Store.ImportShiftsAsync([new Shift("rx-1", "rx-unit", Late, Late.AddHours(8), "rx-veh", [new CrewMember("rx-officer", "rx-radio", "rx-phone")])]);

        Assert.Equal(["unit", "vehicle", "officer", "radio", "phone"], result.Errors.Select(e => e.Field));
        Assert.Equal("Device 'rx-phone' does not exist.", result.Errors[^1].Message);
        Assert.All(result.Errors, e => Assert.Equal(1, e.Row));
    }

    [Fact]
    public async Task The_overlap_query_includes_a_shift_at_its_exact_start_and_excludes_it_at_its_exact_end()
    {
        await SeedRotaAsync("rq");
        var end = Late.AddHours(10);
        var early = new Shift("rq-early", "rq-unit", Late.AddHours(-8), Late, null, []);
        var late = new Shift("rq-late", "rq-unit", Late, end, "rq-veh", [new CrewMember("rq-a", "rq-r1")]);
        var alsoLate = new Shift("rq-also", "rq-unit", Late, end, null, []);
        await Store.ImportShiftsAsync([late, early, alsoLate]);

        async Task<string[]> Between(DateTimeOffset from, DateTimeOffset to) =>
            [.. (await Store.ListShiftsAsync(from, to)).Where(s => s.Id.StartsWith("rq-", StringComparison.Ordinal)).Select(s => s.Id)];

        Assert.Equal(["rq-also", "rq-late"], await Between(Late, Late.AddSeconds(1)));
        Assert.Equal(["rq-early"], await Between(Late.AddSeconds(-1), Late));
        Assert.Equal(["rq-also", "rq-late"], await Between(end.AddSeconds(-1), end));
        Assert.Empty(await Between(end, end.AddHours(1)));
        Assert.Equal(["rq-early", "rq-also", "rq-late"], await Between(Late.AddHours(-1), Late.AddHours(1)));
        Assert.Empty(await Between(Late.AddHours(1), Late.AddHours(1)));
        Assert.Equal(Rows.Text(late), Rows.Text((await Store.ListShiftsAsync(Late, end)).Single(s => s.Id == "rq-late")));
    }

    [Fact]
    public async Task The_overlap_query_is_served_by_the_gist_index_on_the_shift_period()
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new Npgsql.NpgsqlCommand(
            "EXPLAIN SELECT id FROM shifts s WHERE tstzrange(s.starts_at, s.ends_at) && tstzrange($1, $2)", connection);
        explain.Parameters.AddWithValue(Late.UtcDateTime);
        explain.Parameters.AddWithValue(Late.AddHours(1).UtcDateTime);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains("shifts_period_idx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_what_a_shift_or_the_status_history_still_points_at_is_refused_as_in_use()
    {
        await SeedRotaAsync("rz");
        await Store.ImportAccreditationsAsync([new Accreditation("rz-a", "firearms", null)]);
        await Store.ImportShiftsAsync([new Shift("rz-1", "rz-unit", Late, Late.AddHours(8), "rz-veh", [new CrewMember("rz-a", "rz-r1")])]);
        await Store.ImportUnitsAsync([new Unit("rz-historic", "Historic", UnitType.Van)]);
        await new UnitStatusStore(fixture.Database.DataSource).AppendAsync([new UnitStatusChange("rz-historic", UnitStatus.Available, Late, StatusCause.Dispatcher)]);

        Assert.Equal(DeleteResult.InUse, await Store.DeleteUnitAsync("rz-unit"));
        Assert.Equal(DeleteResult.InUse, await Store.DeleteOfficerAsync("rz-a"));
        Assert.Equal(DeleteResult.InUse, await Store.DeleteUnitAsync("rz-historic"));
        Assert.Equal(DeleteResult.Deleted, await Store.DeleteShiftAsync("rz-1"));
        Assert.Equal(DeleteResult.NotFound, await Store.DeleteShiftAsync("rz-1"));
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM shift_crew WHERE shift_id = 'rz-1'"));
        Assert.Equal(DeleteResult.Deleted, await Store.DeleteOfficerAsync("rz-a"));
        Assert.Equal(DeleteResult.Deleted, await Store.DeleteUnitAsync("rz-unit"));
        Assert.Equal(DeleteResult.NotFound, await Store.DeleteUnitAsync("rz-unit"));
        Assert.Equal(DeleteResult.NotFound, await Store.DeleteOfficerAsync("rz-404"));
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM accreditations WHERE officer_id = 'rz-a'"));
        Assert.NotNull(await Store.GetUnitAsync("rz-historic"));
    }

    [Fact]
    public async Task Rows_that_break_the_rules_are_reported_together_and_nothing_is_written()
    {
        var result = await Store.ImportOfficersAsync(
        [
            new Officer("rr-1", "PC One"),
            new Officer("rr 2", "PC Two"),
            new Officer("rr-3", new string('x', 201)),
            new Officer("rr-4", "Tab\tName", Station: ""),
            new Officer("rr-1", "=HYPERLINK(\"http://x\")"),
        ]);

        Assert.Equal(
            [(2, "id"), (3, "name"), (4, "name"), (4, "station"), (5, "name"), (5, "id")],
            result.Errors.Select(e => (e.Row, e.Field)));
        Assert.Null(await Store.GetOfficerAsync("rr-1"));
    }

    [Fact]
    public async Task A_shift_of_more_than_24_hours_or_ending_at_its_start_is_refused()
    {
        var result = await Store.ImportShiftsAsync(
        [
            new Shift("rl-1", "rl-unit", Late, Late.AddHours(24).AddSeconds(1), null, []),
            new Shift("rl-2", "rl-unit", Late, Late, null, []),
            new Shift("rl-3", "rl-unit", Late, Late.AddHours(24), null, [new CrewMember("rl-a", "rl-r"), new CrewMember("rl-a"), new CrewMember("rl-b", "rl-r")]),
        ]);

        Assert.Equal([(1, "end"), (2, "end"), (3, "officer"), (3, "radio")], result.Errors.Select(e => (e.Row, e.Field)));
    }

    private async Task SeedRotaAsync(string prefix)
    {
        Assert.Empty((await Store.ImportOfficersAsync([new Officer($"{prefix}-a", "PC A"), new Officer($"{prefix}-b", "PC B"), new Officer($"{prefix}-c", "PC C")])).Errors);
        Assert.Empty((await Store.ImportUnitsAsync([new Unit($"{prefix}-unit", "Lima Romeo 21", UnitType.ResponseCar)])).Errors);
        Assert.Empty((await Store.ImportDevicesAsync(
        [
            new TrackedDevice($"{prefix}-veh", DeviceKind.VehicleTracker),
            new TrackedDevice($"{prefix}-r1", DeviceKind.AirwaveRadio),
            new TrackedDevice($"{prefix}-r2", DeviceKind.AirwaveRadio),
            new TrackedDevice($"{prefix}-p1", DeviceKind.Phone),
            new TrackedDevice($"{prefix}-p2", DeviceKind.Phone),
        ])).Errors);
    }

    private async Task<DateTime> UpdatedAtAsync(string table, string id)
    {
        await using var command = fixture.Database.DataSource.CreateCommand($"SELECT updated_at FROM {table} WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> ScalarTextAsync(string sql)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        return (string?)await command.ExecuteScalarAsync();
    }
}
