using System.Text.Json;
using Tracking.Core.Fixes;
using Tracking.Simulator.Cad;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Cad;

/// <summary>The JSON the simulator sends is the command-and-control contract's, name for name.</summary>
public sealed class ContractTests
{
    private static readonly FleetPlan Plan = FleetBuilder.Build(DemoMap.World.Map, DemoMap.World.Beats,
        new FleetOptions(12, 6, 9, Worlds.Start, Worlds.Start.AddDays(2)));

    [Fact]
    public void Reference_rows_have_the_contracts_members()
    {
        var imports = ReferenceData.Imports(Plan).ToDictionary(i => i.Path, i => JsonSerializer.SerializeToElement(i.Rows, CadJson.Options)[0]);

        Assert.Equal(["id", "name", "team", "station"], Names(imports["api/officers/import"]));
        Assert.Equal(["officer", "skill", "expires"], Names(imports["api/accreditations/import"]));
        Assert.Equal(["id", "callSign", "type", "station", "team"], Names(imports["api/units/import"]));
        Assert.Equal(["id", "kind", "name"], Names(imports["api/devices/import"]));
        Assert.Equal(["id", "unit", "start", "end", "vehicle", "crew"], Names(imports["api/shifts/import"]));
        Assert.Equal(["officer", "radio", "phone"], Names(imports["api/shifts/import"].GetProperty("crew")[0]));
    }

    [Fact]
    public void Unit_types_and_device_kinds_use_the_contracts_names()
    {
        var types = ReferenceData.Imports(Plan).Single(i => i.Path == "api/units/import");
        var kinds = ReferenceData.Imports(Plan).Single(i => i.Path == "api/devices/import");

        Assert.All(JsonSerializer.SerializeToElement(types.Rows, CadJson.Options).EnumerateArray(),
            u => Assert.Contains(u.GetProperty("type").GetString(), new[] { "responseCar", "armedResponseVehicle", "van", "dogUnit", "motorcycle", "footPatrol", "pcso" }));
        Assert.Equal(["airwaveRadio", "phone", "vehicleTracker"],
            JsonSerializer.SerializeToElement(kinds.Rows, CadJson.Options).EnumerateArray().Select(d => d.GetProperty("kind").GetString()).Distinct().Order());
    }

    [Fact]
    public void The_rota_is_consistent_every_id_is_valid_and_a_radio_id_is_its_issi()
    {
        Assert.All(Plan.Devices, d => Assert.True(DeviceIds.IsValid(d.Id), d.Id));
        Assert.Equal(Plan.Devices.Count, Plan.Devices.Select(d => d.Id).Distinct().Count());
        Assert.Equal(Plan.Officers.Count, Plan.Officers.Select(o => o.Id).Distinct().Count());
        Assert.All(Plan.Devices.Where(d => d.Kind == DeviceKind.AirwaveRadio), r => Assert.Matches("^[0-9]{7}$", r.Id));
        Assert.All(Plan.Shifts, s =>
        {
            Assert.Contains(Plan.Units, u => u.Id == s.Unit);
            Assert.All(s.Officers, o => Assert.Contains(Plan.Devices, d => d.Id == Plan.Officer(o).Radio));
            Assert.True(s.End > s.Start);
            Assert.Equal(Plan.Units.First(u => u.Id == s.Unit).IsVehicle, s.Vehicle is not null);
        });

        // A vehicle is crewed without a gap across the whole period, so some shift is always current.
        foreach (var unit in Plan.Units.Where(u => u.IsVehicle))
        {
            var shifts = Plan.Shifts.Where(s => s.Unit == unit.Id).OrderBy(s => s.Start).ToList();
            Assert.True(shifts[0].Start <= Worlds.Start);
            Assert.All(shifts.Zip(shifts.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        }
    }

    [Fact]
    public void The_rota_gives_every_phone_to_the_first_officer_of_each_shift_of_its_unit()
    {
        var shifts = (IReadOnlyList<ShiftRow>)ReferenceData.Imports(Plan).Single(i => i.Path == "api/shifts/import").Rows;
        var phones = Plan.Units.Where(u => u.Phone is not null).ToDictionary(u => u.Id, u => u.Phone!.Id);

        Assert.NotEmpty(phones);
        Assert.Equal(
            Plan.Devices.Where(d => d.Kind == DeviceKind.Phone).Select(d => d.Id).Order(StringComparer.Ordinal),
            shifts.SelectMany(s => s.Crew).Select(c => c.Phone).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        Assert.All(shifts, s =>
        {
            Assert.Equal(phones.GetValueOrDefault(s.Unit), s.Crew[0].Phone);
            Assert.All(s.Crew.Skip(1), c => Assert.Null(c.Phone));
        });
    }

    [Fact]
    public void An_incident_is_sent_with_every_member_of_the_contract()
    {
        var world = Worlds.Create(2, 0, 10);
        var incident = world.Raise(IncidentCatalogue.Types.First(t => t.Name == "Firearms incident"), world.Map.Network.RandomPosition(new Random(1)), []);

        var json = JsonSerializer.SerializeToElement(IncidentMessage.From(incident), CadJson.Options);

        Assert.Equal(["id", "grade", "type", "location", "requiredSkills", "vehicleType", "createdAt", "status", "closedAt"], Names(json));
        Assert.Equal("Point", json.GetProperty("location").GetProperty("type").GetString());
        Assert.Equal(incident.Longitude, json.GetProperty("location").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("closedAt").ValueKind);
        Assert.Equal("armedResponseVehicle", json.GetProperty("vehicleType").GetString());
    }

    [Fact]
    public void A_dispatch_in_the_contracts_shape_is_read()
    {
        const string Json = """{"incident":"INC-000123","grade":1,"type":"Burglary in progress","location":{"type":"Point","coordinates":[-1.1398,52.6369]},"unit":"LR21","callSign":"Lima Romeo 21","assignedAt":"2026-11-26T21:14:05Z"}""";

        var dispatch = JsonSerializer.Deserialize<DispatchMessage>(Json, CadJson.Options)!;

        Assert.Equal(("INC-000123", "LR21", 1), (dispatch.Incident, dispatch.Unit, dispatch.Grade));
        Assert.Equal((-1.1398, 52.6369), (dispatch.Location.Longitude, dispatch.Location.Latitude));
    }

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
