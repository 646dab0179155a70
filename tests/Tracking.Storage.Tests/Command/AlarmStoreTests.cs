using Tracking.Core.Dispatch;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

public sealed class AlarmStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 23, 40, 12, TimeSpan.Zero);

    private AlarmStore Store => new(fixture.Database.DataSource);

    [Fact]
    public async Task An_alarm_is_stored_with_its_back_up_and_read_back_field_for_field()
    {
        var alarm = NewAlarm(T0);

        await Store.InsertAsync(alarm);
        var stored = await Store.GetAsync(alarm.Id);

        AssertSame(alarm, stored);
        Assert.True(stored!.IsOpen);
        Assert.Null(await Store.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task An_alarm_raised_before_the_device_had_a_position_is_stored_without_one()
    {
        var alarm = NewAlarm(T0) with { Longitude = null, Latitude = null, BackUp = [] };

        await Store.InsertAsync(alarm);
        var stored = await Store.GetAsync(alarm.Id);

        Assert.Null(stored!.Longitude);
        Assert.Null(stored.Latitude);
        Assert.Empty(stored.BackUp);
    }

    [Fact]
    public async Task The_back_up_is_kept_as_camel_case_json_with_enums_by_name()
    {
        var alarm = NewAlarm(T0);
        await Store.InsertAsync(alarm);

        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT back_up->0->>'unitId' || ' ' || (back_up->0->>'type') || ' ' || (back_up->0->>'etaSeconds') || ' ' || source FROM alarms WHERE id = $1");
        command.Parameters.AddWithValue(alarm.Id);

        Assert.Equal("LR21 armedResponseVehicle 95.5 fix", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Inserting_the_same_alarm_again_keeps_the_first()
    {
        var alarm = NewAlarm(T0);
        await Store.InsertAsync(alarm);

        await Store.InsertAsync(alarm with { DeviceId = "other", BackUp = [] });

        AssertSame(alarm, await Store.GetAsync(alarm.Id));
    }

    [Fact]
    public async Task An_alarm_is_cleared_once_and_the_first_clearing_stands()
    {
        var alarm = NewAlarm(T0);
        await Store.InsertAsync(alarm);

        var first = await Store.ClearAsync(alarm.Id, T0.AddMinutes(4), "dispatcher 12", "Officer safe, false alarm");
        var second = await Store.ClearAsync(alarm.Id, T0.AddMinutes(9), "dispatcher 40", null);
        var missing = await Store.ClearAsync(Guid.NewGuid(), T0, "dispatcher 12", null);

        Assert.True(first);
        Assert.False(second);
        Assert.False(missing);
        var stored = await Store.GetAsync(alarm.Id);
        Assert.Equal((T0.AddMinutes(4), "dispatcher 12", "Officer safe, false alarm"), (stored!.ClearedAt, stored.ClearedBy, stored.ClearNote));
        Assert.False(stored.IsOpen);
    }

    [Fact]
    public async Task Open_alarms_are_listed_oldest_first_without_the_cleared_ones()
    {
        var start = T0.AddDays(30);
        var later = NewAlarm(start.AddMinutes(5));
        var earlier = NewAlarm(start) with { Source = AlarmSource.StatusTopic, UnitId = null, OfficerIds = [] };
        var cleared = NewAlarm(start.AddMinutes(1));
        foreach (var alarm in new[] { later, earlier, cleared })
        {
            await Store.InsertAsync(alarm);
        }

        await Store.ClearAsync(cleared.Id, start.AddMinutes(2), "dispatcher 12", null);
        Guid[] ours = [later.Id, earlier.Id, cleared.Id];

        Assert.Equal([earlier.Id, later.Id], (await Store.ListAsync(openOnly: true)).Select(a => a.Id).Where(ours.Contains));
        Assert.Equal([earlier.Id, cleared.Id, later.Id], (await Store.ListAsync(openOnly: false)).Select(a => a.Id).Where(ours.Contains));
        AssertSame(earlier, (await Store.ListAsync(openOnly: true)).Single(a => a.Id == earlier.Id));
    }

    internal static Alarm NewAlarm(DateTimeOffset raisedAt) =>
        new(
            Guid.NewGuid(),
            "2001234",
            "LR22",
            ["4521", "4533"],
            -1.1339871234567891,
            52.63602873412345,
            raisedAt,
            AlarmSource.Fix,
            [
                new Recommendation("LR21", "Lima Romeo 21", UnitType.ArmedResponseVehicle, 812.25, 95.5, ["PC Jane Smith"], new Dictionary<string, DateTimeOffset?> { ["firearms"] = raisedAt.AddDays(90), ["first aid"] = null }),
                new Recommendation("D3", "Delta 3", UnitType.DogUnit, 1500, 180, [], new Dictionary<string, DateTimeOffset?>()),
            ]);

    internal static void AssertSame(Alarm expected, Alarm? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Id, expected.DeviceId, expected.UnitId, expected.Longitude, expected.Latitude, expected.RaisedAt, expected.Source, expected.ClearedAt, expected.ClearedBy, expected.ClearNote),
            (actual.Id, actual.DeviceId, actual.UnitId, actual.Longitude, actual.Latitude, actual.RaisedAt, actual.Source, actual.ClearedAt, actual.ClearedBy, actual.ClearNote));
        Assert.Equal(expected.OfficerIds, actual.OfficerIds);
        Assert.Equal(expected.BackUp.Count, actual.BackUp.Count);
        foreach (var (e, a) in expected.BackUp.Zip(actual.BackUp))
        {
            Assert.Equal((e.UnitId, e.CallSign, e.Type, e.DistanceMetres, e.EtaSeconds), (a.UnitId, a.CallSign, a.Type, a.DistanceMetres, a.EtaSeconds));
            Assert.Equal(e.Crew, a.Crew);
            Assert.Equal(e.Skills.OrderBy(s => s.Key, StringComparer.Ordinal), a.Skills.OrderBy(s => s.Key, StringComparer.Ordinal));
        }
    }
}
