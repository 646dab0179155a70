using Tracking.Core.Fixes;
using Tracking.Storage.Fixes;

namespace Tracking.Storage.Tests.Fixes;

public sealed class FixQueriesTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private async Task WriteTrackAsync(string device, int count)
    {
        await using var writer = new FixWriter(fixture.Database.DataSource);
        await writer.WriteAsync(Enumerable.Range(0, count).Select(i => new Fix
        {
            DeviceId = device,
            DeviceTime = Start.AddSeconds(i * 10),
            Latitude = 52.6 + (i * 0.001),
            Longitude = -1.1,
            Source = FixSource.Native,
            ReceivedAt = Start.AddSeconds(i * 10),
        }).Reverse().ToList());
    }

    [Fact]
    public async Task Track_returns_the_fixes_in_the_half_open_range_in_time_order()
    {
        await WriteTrackAsync("query-track", 10);

        var track = await new FixQueries(fixture.Database.DataSource).TrackAsync("query-track", Start.AddSeconds(20), Start.AddSeconds(60), 100);

        Assert.Equal([20, 30, 40, 50], track.Select(f => (int)(f.DeviceTime - Start).TotalSeconds));
    }

    [Fact]
    public async Task Track_stops_at_the_limit()
    {
        await WriteTrackAsync("query-limit", 10);

        var track = await new FixQueries(fixture.Database.DataSource).TrackAsync("query-limit", Start, Start.AddHours(1), 3);

        Assert.Equal(3, track.Count);
        Assert.Equal(Start, track[0].DeviceTime);
    }

    [Fact]
    public async Task Latest_per_device_is_the_newest_fix_of_each_device()
    {
        await WriteTrackAsync("query-latest-a", 5);
        await WriteTrackAsync("query-latest-b", 2);

        var latest = (await new FixQueries(fixture.Database.DataSource).LatestPerDeviceAsync(Start.AddHours(-1)))
            .Where(f => f.DeviceId.StartsWith("query-latest-", StringComparison.Ordinal))
            .ToDictionary(f => f.DeviceId, f => f.DeviceTime);

        Assert.Equal(Start.AddSeconds(40), latest["query-latest-a"]);
        Assert.Equal(Start.AddSeconds(10), latest["query-latest-b"]);
    }
}
