using System.Globalization;
using Tracking.Core.Patrol;
using Tracking.Server.Patrol;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Storage.Maps;
using Tracking.Storage.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.Patrol;

/// <summary>
/// Rebuilding the stored stays of a closed period from the stored tracks gives exactly what live presence stored for
/// the same drive, replaces whatever was stored for the period, and refuses a period live presence is still writing.
/// </summary>
public sealed class VisitRebuildTests(PatrolServerFixture fixture) : IClassFixture<PatrolServerFixture>
{
    private static readonly PresenceRules Rules = new(PresenceRules.Default.MaxGap, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_rebuilt_period_holds_exactly_the_stays_live_presence_stored()
    {
        const string Device = "rebuild-drive";
        await using var device = await fixture.DeviceAsync(Device);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());
        // East along the test map's latitude through the park (−1.142 to −1.138), in the west beat.
        for (var i = 0; i <= 14; i++)
        {
            await device.PublishAsync(DeviceClient.Fix(Device, start.AddSeconds(10 * i), lat: TestMap.Latitude, lon: -1.146 + (0.001 * i)));
        }

        // A fix after a gap longer than MaxGap breaks the track, so live presence closes the stay in the beat too.
        await device.PublishAsync(DeviceClient.Fix(Device, start.AddMinutes(12), lat: TestMap.Latitude, lon: -1.132));

        var visits = new VisitStore(fixture.Database.DataSource);
        var (from, to) = (start.AddMinutes(-10), start.AddMinutes(10));
        var live = await Eventually.UntilAsync(
            () => visits.ListBeganAsync(from, to, null),
            stays => stays.Any(s => s.AreaKey == AreaKeys.Location("PARK")) && stays.Any(s => s.AreaKey == AreaKeys.Beat("WEST")),
            "the live stays stored: the park and the west beat");
        // Live presence sees a fix once it is durable in the journal; the rebuild reads it from PostgreSQL, where the
        // drainer puts it a little later.
        await Eventually.UntilAsync(
            () => fixture.Database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{Device}'"),
            count => count == 16,
            "the drive's 16 fixes in PostgreSQL");
        await fixture.Database.ScalarAsync(
            $"WITH gone AS (DELETE FROM visits WHERE device_id = '{Device}' RETURNING 1) SELECT count(*) FROM gone");
        await fixture.Database.ScalarAsync(
            $"WITH made AS (INSERT INTO visits VALUES ('ghost', 'location', 'PARK', '{start.AddMinutes(1):O}', '{start.AddMinutes(2):O}', 60, true) RETURNING 1) SELECT count(*) FROM made");

        var rebuild = new VisitRebuild(new StoredTracks(fixture.Database.DataSource), visits, new MapStore(fixture.Database.DataSource), TimeProvider.System);
        var result = await rebuild.RunAsync(from, to, Rules, CancellationToken.None);

        var rebuilt = await visits.ListBeganAsync(from, to, null);
        Assert.Equal(Describe(live), Describe(rebuilt));
        Assert.Equal(1, result.StaysDeleted); // the ghost: the drive's own stays were deleted above
        Assert.Equal(live.Count, result.StaysWritten);
        Assert.Equal(1, result.Devices);
        Assert.Equal(16, result.Fixes);
        Assert.Equal(4, result.Areas);
    }

    [Fact]
    public void A_period_live_presence_is_still_writing_is_refused()
    {
        var rebuild = new VisitRebuild(new StoredTracks(fixture.Database.DataSource), new VisitStore(fixture.Database.DataSource),
            new MapStore(fixture.Database.DataSource), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;

        Assert.StartsWith("to must be at least MaxGap", rebuild.Problem(now.AddHours(-1), now.AddMinutes(-4), Rules), StringComparison.Ordinal);
        Assert.Equal("from must be before to", rebuild.Problem(now.AddHours(-1), now.AddHours(-2), Rules));
        Assert.Null(rebuild.Problem(now.AddHours(-1), now.AddMinutes(-6), Rules));
    }

    [Fact]
    public async Task The_command_line_rebuilds_a_period_with_the_servers_settings()
    {
        var to = DateTimeOffset.UtcNow.AddHours(-2);
        var from = to.AddHours(-1);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var previous = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await VisitsCommand.RunAsync(
                ["rebuild", "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture),
                 "--ConnectionStrings:Tracking", fixture.Database.ConnectionString]);
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal(0, code);
        Assert.Contains("0 fixes of 0 devices, 4 areas", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await VisitsCommand.RunAsync(["rebuild", "--from", "yesterday", "--to", "today", "--ConnectionStrings:Tracking", fixture.Database.ConnectionString]));
    }

    private static List<string> Describe(IEnumerable<Stay> stays) =>
        [.. stays.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.DeviceId} {s.AreaKey} {s.Enter:O} {s.Exit:O} {s.InsideSeconds:F6} {s.IsVisit}")).Order(StringComparer.Ordinal)];
}
