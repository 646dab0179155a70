using System.Text;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Resources;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

/// <summary>Writing rows and reading the file back gives the same rows, in both formats, for all five kinds.</summary>
public sealed class ReferenceRoundTripTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Late = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    // Separators, quotes, apostrophes, leading and trailing spaces, non-ASCII letters and an emoji.
    private const string Awkward = " O'Brien, \"Siân\" Ødegård 🚓 ";

    private static readonly Officer[] Officers =
    [
        new("4521", "PC Jane Smith", "Aylesmere", "S02"),
        new("4522", Awkward, null, Awkward),
        new("P.C_9-1", "x"),
    ];

    private static readonly Accreditation[] Accreditations =
    [
        new("4521", "firearms", new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)),
        new("4521", Awkward, null),
        new("4522", "first aid", new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567)),
    ];

    private static readonly Unit[] Units = [.. Enum.GetValues<UnitType>().Select((type, i) => new Unit($"U{i}", i == 0 ? Awkward : $"Call sign {i}", type, i % 2 == 0 ? "S01" : null, i == 1 ? Awkward : null))];

    private static readonly TrackedDevice[] Devices = [.. Enum.GetValues<DeviceKind>().Select((kind, i) => new TrackedDevice($"dev-{i}", kind, i == 0 ? null : Awkward))];

    private static readonly Shift[] Shifts =
    [
        // A radio only, a phone only, neither; a radio and a phone.
        new("2026-11-26-LR21-late", "LR21", Late, Late.AddHours(10), "veh-LR21",
            [new CrewMember("4521", "2001234"), new CrewMember("4522", PhoneDeviceId: "phone-4522"), new CrewMember("P.C_9-1")]),
        new("foot", "FP1", Late.AddTicks(10), Late.AddHours(24), null, []),
        new("pcso", "P7", Late.AddHours(-1), Late.AddHours(7), null, [new CrewMember("4533", "2001235", "p7.phone")]),
    ];

    [Fact]
    public void Officers_survive_csv_and_json() => RoundTrip(Officers, ReferenceCsv.WriteOfficers, ReferenceCsv.ReadOfficers, ReferenceJson.WriteOfficers, ReferenceJson.ReadOfficers);

    [Fact]
    public void Accreditations_survive_csv_and_json() =>
        RoundTrip(Accreditations, ReferenceCsv.WriteAccreditations, ReferenceCsv.ReadAccreditations, ReferenceJson.WriteAccreditations, ReferenceJson.ReadAccreditations);

    [Fact]
    public void Units_survive_csv_and_json() => RoundTrip(Units, ReferenceCsv.WriteUnits, ReferenceCsv.ReadUnits, ReferenceJson.WriteUnits, ReferenceJson.ReadUnits);

    [Fact]
    public void Devices_survive_csv_and_json() => RoundTrip(Devices, ReferenceCsv.WriteDevices, ReferenceCsv.ReadDevices, ReferenceJson.WriteDevices, ReferenceJson.ReadDevices);

    [Fact]
    public void Shifts_survive_csv_and_json()
    {
        var csv = new StringWriter();
        ReferenceCsv.WriteShifts(csv, Shifts);
        var fromCsv = ReferenceCsv.ReadShifts(new StringReader(csv.ToString()));
        using var json = new MemoryStream();
        ReferenceJson.WriteShifts(json, Shifts);
        json.Position = 0;
        var fromJson = ReferenceJson.ReadShifts(json);

        Assert.Empty(fromCsv.Errors);
        Assert.Empty(fromJson.Errors);
        Assert.Equal(Rows.Text(Shifts), Rows.Text(fromCsv.Rows));
        Assert.Equal(Rows.Text(Shifts), Rows.Text(fromJson.Rows));
    }

    [Fact]
    public async Task A_rota_exported_from_the_store_imports_again_as_all_updated()
    {
        var store = new ReferenceStore(fixture.Database.DataSource);
        Assert.Empty((await store.ImportOfficersAsync([.. Officers, new Officer("4533", "PCSO Lee")])).Errors);
        Assert.Empty((await store.ImportUnitsAsync([new Unit("LR21", "Lima Romeo 21", UnitType.ResponseCar), new Unit("FP1", "Foot 1", UnitType.FootPatrol), new Unit("P7", "Papa 7", UnitType.Pcso)])).Errors);
        Assert.Empty((await store.ImportDevicesAsync(
        [
            new TrackedDevice("veh-LR21", DeviceKind.VehicleTracker), new TrackedDevice("2001234", DeviceKind.AirwaveRadio), new TrackedDevice("2001235", DeviceKind.AirwaveRadio),
            new TrackedDevice("phone-4522", DeviceKind.Phone), new TrackedDevice("p7.phone", DeviceKind.Phone),
        ])).Errors);
        var imported = await store.ImportShiftsAsync(Shifts);
        Assert.Empty(imported.Errors);

        var csv = new StringWriter();
        ReferenceCsv.WriteShifts(csv, await store.ListShiftsAsync(Late.AddDays(-1), Late.AddDays(2)));
        var parsed = ReferenceCsv.ReadShifts(new StringReader(csv.ToString()));
        var again = await store.ImportShiftsAsync(parsed.Rows);

        Assert.Empty(parsed.Errors);
        Assert.Equal((0, Shifts.Length), (again.Created, again.Updated));

        // Ticks below a microsecond are not kept by PostgreSQL: the store hands back what it holds.
        var expected = Shifts.Select(s => s with { Start = Truncate(s.Start), End = Truncate(s.End) }).OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal);
        Assert.Equal(Rows.Text(expected), Rows.Text(parsed.Rows));
    }

    private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.Ticks - (time.Ticks % 10), time.Offset);

    private static void RoundTrip<T>(
        T[] rows,
        Action<TextWriter, IEnumerable<T>> writeCsv,
        Func<TextReader, ParsedRows<T>> readCsv,
        Action<Stream, IEnumerable<T>> writeJson,
        Func<Stream, ParsedRows<T>> readJson)
    {
        var csv = new StringWriter();
        writeCsv(csv, rows);
        var fromCsv = readCsv(new StringReader(csv.ToString()));
        using var json = new MemoryStream();
        writeJson(json, rows);
        var fromJson = readJson(new MemoryStream(json.ToArray()));

        Assert.True(fromCsv.Errors.Count == 0, Rows.Describe(fromCsv.Errors) + Environment.NewLine + csv);
        Assert.True(fromJson.Errors.Count == 0, Rows.Describe(fromJson.Errors) + Environment.NewLine + Encoding.UTF8.GetString(json.ToArray()));
        Assert.Equal(rows, fromCsv.Rows);
        Assert.Equal(rows, fromJson.Rows);
    }
}
