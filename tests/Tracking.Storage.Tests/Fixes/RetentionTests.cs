using Tracking.Core.Fixes;
using Tracking.Storage.Fixes;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Tests.Fixes;

/// <summary>Retention drops whole days of fixes; it never touches a day it keeps. Its own database: it drops partitions.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly MigratedDatabase _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private static Fix At(DateTimeOffset time) => new()
    {
        DeviceId = "retained",
        DeviceTime = time,
        Latitude = 52.63,
        Longitude = -1.13,
        Source = FixSource.Native,
        ReceivedAt = time,
    };

    [Fact]
    public async Task Days_before_the_first_day_kept_are_dropped_whole_with_their_track_chunks_and_the_rest_stay()
    {
        var day = new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
        await using (var writer = new FixWriter(_fixture.Database.DataSource))
        {
            // The last instant of the 10th, the first of the 11th, and noon on the 12th.
            await writer.WriteAsync([At(day.AddDays(1).AddTicks(-10)), At(day.AddDays(1)), At(day.AddDays(2).AddHours(12))]);
        }

        await new TrackChunkBuilder(_fixture.Database.DataSource).CatchUpAsync();
        Assert.Equal(3, await _fixture.Database.ScalarAsync("SELECT count(DISTINCT day) FROM track_chunks"));

        var dropped = await FixPartitions.DropBeforeAsync(_fixture.Database.DataSource, new DateOnly(2026, 11, 11));

        Assert.Contains(new DateOnly(2026, 11, 10), dropped);
        Assert.DoesNotContain(new DateOnly(2026, 11, 11), dropped);
        Assert.Equal(0, await _fixture.Database.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = 'fixes_20261110'"));
        Assert.Equal(2, await _fixture.Database.ScalarAsync("SELECT count(*) FROM fixes"));
        // GMT in November: the local day of the 10th ended at the first instant kept.
        Assert.Equal(0, await _fixture.Database.ScalarAsync("SELECT count(*) FROM track_chunks WHERE day < '2026-11-11'"));
        Assert.Equal(0, await _fixture.Database.ScalarAsync("SELECT count(*) FROM track_chunk_days WHERE day < '2026-11-11'"));
        Assert.Equal(2, await _fixture.Database.ScalarAsync("SELECT count(*) FROM track_chunks"));
        Assert.Empty(await FixPartitions.DropBeforeAsync(_fixture.Database.DataSource, new DateOnly(2026, 11, 11)));
    }
}
