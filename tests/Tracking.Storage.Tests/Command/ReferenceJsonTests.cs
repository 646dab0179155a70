using System.Text;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Resources;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

public sealed class ReferenceJsonTests
{
    private static readonly DateTimeOffset Late = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_documented_shapes_are_read()
    {
        Assert.Equal(
            [new Officer("4521", "PC Jane Smith", "Aylesmere", "S02")],
            Read(ReferenceJson.ReadOfficers, """[{"id":"4521","name":"PC Jane Smith","team":"Aylesmere","station":"S02"}]""").Rows);
        Assert.Equal(
            [new Accreditation("4521", "firearms", new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero))],
            Read(ReferenceJson.ReadAccreditations, """[{"officer":"4521","skill":"firearms","expires":"2027-03-01T00:00:00Z"}]""").Rows);
        Assert.Equal(
            [new Unit("LR21", "Lima Romeo 21", UnitType.ResponseCar, "S01", "Aylesmere")],
            Read(ReferenceJson.ReadUnits, """[{"id":"LR21","callSign":"Lima Romeo 21","type":"responseCar","station":"S01","team":"Aylesmere"}]""").Rows);
        Assert.Equal(
            [new TrackedDevice("veh-LR21", DeviceKind.VehicleTracker, "FX21 ABC")],
            Read(ReferenceJson.ReadDevices, """[{"id":"veh-LR21","kind":"vehicleTracker","name":"FX21 ABC"}]""").Rows);
        var shifts = Read(
            ReferenceJson.ReadShifts,
            """[{"id":"2026-11-26-LR21-late","unit":"LR21","start":"2026-11-26T14:00:00Z","end":"2026-11-27T00:00:00Z","vehicle":"veh-LR21","crew":[{"officer":"4521","radio":"2001234","phone":"phone-4521"},{"officer":"4533"},{"officer":"4540","phone":"pc13.phone"}]}]""");
        Assert.Equal(
            [Rows.Text(new Shift("2026-11-26-LR21-late", "LR21", Late, Late.AddHours(10), "veh-LR21",
                [new CrewMember("4521", "2001234", "phone-4521"), new CrewMember("4533"), new CrewMember("4540", PhoneDeviceId: "pc13.phone")]))],
            Rows.Text(shifts.Rows));
    }

    [Fact]
    public void Property_names_match_without_case_and_null_or_missing_optionals_are_absent()
    {
        var parsed = Read(ReferenceJson.ReadUnits, """[{"ID":"FP1","CALLSIGN":"Foxtrot Papa 1","Type":"FOOTPATROL","station":null},{"id":"P7","callSign":"Papa 7","type":"pcso","team":""}]""");

        Assert.Empty(parsed.Errors);
        Assert.Equal([new Unit("FP1", "Foxtrot Papa 1", UnitType.FootPatrol), new Unit("P7", "Papa 7", UnitType.Pcso)], parsed.Rows);
    }

    [Fact]
    public void Wrong_json_types_are_row_errors_not_exceptions()
    {
        var parsed = Read(ReferenceJson.ReadOfficers, """[{"id":4521,"name":"PC One"},"4522",{"id":"4523","name":["PC"]},{"id":"4524","name":"PC Four","name":"again"}]""");

        Assert.Equal([(1, "id"), (2, ""), (3, "name"), (4, "name")], parsed.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("must be a string", parsed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(parsed.Rows);
    }

    [Theory]
    [InlineData("""{"id":"4521","name":"PC One"}""")]
    [InlineData("""[{"id":"4521","name":"PC One"}""")]
    [InlineData("")]
    [InlineData("not json")]
    public void A_file_that_is_not_a_json_array_is_one_error_of_the_whole_file(string json)
    {
        var parsed = Read(ReferenceJson.ReadOfficers, json);

        Assert.Equal(0, Assert.Single(parsed.Errors).Row);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void A_time_without_a_zone_a_bad_enum_and_a_duplicate_id_are_reported_by_row_and_field()
    {
        var shifts = Read(ReferenceJson.ReadShifts, """
            [
              {"id":"s1","unit":"LR21","start":"2026-11-26T14:00:00","end":"2026-11-27T00:00:00Z","crew":[]},
              {"id":"s2","unit":"LR21","start":"2026-11-26T14:00:00Z","end":"2026-11-27T00:00:00Z","crew":[{"officer":"4521"},{"officer":"4521"},{"radio":"2001234"}]},
              {"id":"s1","unit":"LR21","start":"2026-11-26T14:00:00Z","end":"2026-11-26T15:00:00Z","crew":"4521"}
            ]
            """);
        var devices = Read(ReferenceJson.ReadDevices, """[{"id":"d1","kind":"pager"},{"id":"d2"}]""");

        Assert.Equal([(1, "start"), (3, "crew"), (2, "officer"), (3, "id")], shifts.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("no time zone", shifts.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal([(1, "kind"), (2, "kind")], devices.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("vehicleTracker", devices.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_uses_camel_case_names_camel_case_enums_utc_times_and_null_for_absent_values()
    {
        using var stream = new MemoryStream();

        ReferenceJson.WriteShifts(stream, [new Shift("s1", "FP1", Late.ToOffset(TimeSpan.FromHours(1)), Late.AddHours(8).AddTicks(5), null, [new CrewMember("4521")])]);
        using var devices = new MemoryStream();
        ReferenceJson.WriteDevices(devices, [new TrackedDevice("r1", DeviceKind.AirwaveRadio)]);

        var json = System.Text.Json.JsonDocument.Parse(stream.ToArray()).RootElement[0];
        Assert.Equal("2026-11-26T14:00:00Z", json.GetProperty("start").GetString());
        Assert.Equal("2026-11-26T22:00:00.0000005Z", json.GetProperty("end").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("vehicle").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("crew")[0].GetProperty("radio").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("crew")[0].GetProperty("phone").ValueKind);
        var device = System.Text.Json.JsonDocument.Parse(devices.ToArray()).RootElement[0];
        Assert.Equal("airwaveRadio", device.GetProperty("kind").GetString());
    }

    private static ParsedRows<T> Read<T>(Func<Stream, ParsedRows<T>> read, string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return read(stream);
    }
}
