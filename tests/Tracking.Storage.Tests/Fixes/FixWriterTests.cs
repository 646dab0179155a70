using Tracking.Core.Analytics;
using Tracking.Core.Fixes;
using Tracking.Storage.Fixes;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Tests.Fixes;

public sealed class FixWriterTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static Fix At(string device, DateTimeOffset time, double lat = 52.6369, double lon = -1.1398) => new()
    {
        DeviceId = device,
        DeviceTime = time,
        Latitude = lat,
        Longitude = lon,
        Source = FixSource.Native,
        ReceivedAt = time.AddSeconds(1),
    };

    [Fact]
    public async Task Written_fix_reads_back_with_every_value_and_lon_lat_in_the_right_axes()
    {
        var fix = At("writer-values", Noon, lat: 52.6369123, lon: -1.1398456) with { Speed = 13.5, Heading = 271.5, Accuracy = 4.75, Altitude = 71.25, Satellites = 9, Hdop = 1.5, Battery = 87.5, Emergency = true };
        await using var writer = new FixWriter(fixture.Database.DataSource);

        var inserted = await writer.WriteAsync([fix]);

        Assert.Equal(1, inserted);
        var stored = Assert.Single(await new FixQueries(fixture.Database.DataSource).TrackAsync("writer-values", Noon.AddHours(-1), Noon.AddHours(1), 10));
        Assert.Equal(fix, stored);
        Assert.Equal(-1.1398456, await fixture.Database.ScalarAsync("SELECT ST_X(position) * 1e7 FROM fixes WHERE device_id = 'writer-values'") / 1e7, 7);
    }

    [Fact]
    public async Task A_late_fix_bumps_its_local_days_track_version_and_the_next_days_once_per_batch()
    {
        // Late: stored more than TrackChunks.LateAfter after its device time, by the database's clock.
        await using var writer = new FixWriter(fixture.Database.DataSource);
        var twoDaysAgo = LocalCalendar.London.Day(DateTimeOffset.UtcNow).AddDays(-2);
        var middayTwoDaysAgo = LocalCalendar.London.Start(twoDaysAgo).AddHours(12);
        // 00:30 BST on 1 October is still 30 September in UTC: the local day is what counts.
        var lateEvening = new DateTimeOffset(2026, 9, 30, 23, 30, 0, TimeSpan.Zero);

        await writer.WriteAsync([At("writer-late", middayTwoDaysAgo), At("writer-late", middayTwoDaysAgo.AddMinutes(1)), At("writer-late", lateEvening)]);
        await writer.WriteAsync([
            At("writer-late", middayTwoDaysAgo.AddMinutes(2)),
            At("writer-on-time", DateTimeOffset.UtcNow.AddMinutes(-1)),
            At("writer-late-today", DateTimeOffset.UtcNow - TrackChunks.LateAfter - TimeSpan.FromMinutes(1)),
        ]);

        Assert.Equal(
            $"2026-10-01:1 2026-10-02:1 {twoDaysAgo:yyyy-MM-dd}:2 {twoDaysAgo.AddDays(1):yyyy-MM-dd}:2",
            await Versions("writer-late"));
        Assert.Equal("", await Versions("writer-on-time"));
        var lateToday = LocalCalendar.London.Day(DateTimeOffset.UtcNow - TrackChunks.LateAfter - TimeSpan.FromMinutes(1));
        Assert.Equal($"{lateToday:yyyy-MM-dd}:1 {lateToday.AddDays(1):yyyy-MM-dd}:1", await Versions("writer-late-today"));
    }

    private async Task<string> Versions(string device)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT coalesce(string_agg(to_char(day, 'YYYY-MM-DD') || ':' || version, ' ' ORDER BY day), '') FROM track_day_versions WHERE device_id = $1");
        command.Parameters.AddWithValue(device);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Missing_optional_values_are_stored_as_null()
    {
        await using var writer = new FixWriter(fixture.Database.DataSource);

        await writer.WriteAsync([At("writer-nulls", Noon)]);

        Assert.Equal(1, await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM fixes WHERE device_id = 'writer-nulls' AND speed IS NULL AND heading IS NULL AND accuracy IS NULL AND altitude IS NULL " +
            "AND satellites IS NULL AND hdop IS NULL AND battery IS NULL AND NOT emergency"));
    }

    [Fact]
    public async Task Duplicates_within_a_batch_and_across_batches_are_stored_once()
    {
        await using var writer = new FixWriter(fixture.Database.DataSource);
        var first = At("writer-dup", Noon);
        var second = At("writer-dup", Noon.AddSeconds(1));

        var insertedFirst = await writer.WriteAsync([first, first with { Latitude = 52.7 }, second]);
        var insertedAgain = await writer.WriteAsync([second, first]);

        Assert.Equal(2, insertedFirst);
        Assert.Equal(0, insertedAgain);
        Assert.Equal(2, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'writer-dup'"));
    }

    [Fact]
    public async Task A_replayed_run_of_batches_among_new_ones_stores_every_fix_once_and_counts_the_new_ones()
    {
        // Twenty batches of ten: the first five written, then all twenty replayed (a journal replay after a crash) with
        // one new fix each, then new batches again: the direct COPY meets the duplicates, the staging path takes over for
        // a run of batches, and the direct COPY comes back.
        await using var writer = new FixWriter(fixture.Database.DataSource);
        var batches = Enumerable.Range(0, 20)
            .Select(b => Enumerable.Range(0, 10).Select(i => At("writer-replay", Noon.AddSeconds((b * 10) + i))).ToList())
            .ToList();
        foreach (var batch in batches.Take(5))
        {
            Assert.Equal(10, await writer.WriteAsync(batch));
        }

        var counted = new List<int>();
        for (var b = 0; b < 20; b++)
        {
            counted.Add(await writer.WriteAsync([.. batches[b], At("writer-replay", Noon.AddMinutes(10).AddSeconds(b))]));
        }

        var later = await writer.WriteAsync([At("writer-replay", Noon.AddHours(1)), At("writer-replay", Noon.AddHours(1).AddSeconds(1))]);

        Assert.Equal([.. Enumerable.Repeat(1, 5), .. Enumerable.Repeat(11, 15)], counted);
        Assert.Equal(2, later);
        Assert.Equal(222, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'writer-replay'"));
    }

    [Fact]
    public async Task A_fix_for_a_day_without_a_partition_creates_that_days_partition()
    {
        var day = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        await using var writer = new FixWriter(fixture.Database.DataSource);

        await writer.WriteAsync([At("writer-partition", day), At("writer-partition", day.AddDays(1))]);

        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = 'fixes_20260329'"));
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes_20260330 WHERE device_id = 'writer-partition'"));
    }

    [Fact]
    public async Task Partition_boundaries_are_utc_midnight()
    {
        var lastMomentOfDay = new DateTimeOffset(2026, 6, 1, 23, 59, 59, 999, TimeSpan.Zero);
        await using var writer = new FixWriter(fixture.Database.DataSource);

        // 00:30 in British Summer Time is still the previous UTC day.
        await writer.WriteAsync([At("writer-midnight", lastMomentOfDay), At("writer-midnight", new DateTimeOffset(2026, 6, 2, 0, 30, 0, TimeSpan.FromHours(1)))]);

        Assert.Equal(2, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes_20260601 WHERE device_id = 'writer-midnight'"));
    }

    [Fact]
    public async Task Writer_recovers_after_its_connection_was_terminated()
    {
        await using var writer = new FixWriter(fixture.Database.DataSource);
        await writer.WriteAsync([At("writer-reconnect", Noon)]);
        await fixture.Database.ScalarAsync(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => writer.WriteAsync([At("writer-reconnect", Noon.AddSeconds(1))]));
        var inserted = await writer.WriteAsync([At("writer-reconnect", Noon.AddSeconds(1))]);

        Assert.Equal(1, inserted);
    }
}
