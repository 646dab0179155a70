using Npgsql;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Tests.Tracks;

public sealed class TrackChunkBuilderTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_builder_finds_another_at_work_and_leaves_the_cutting_to_it()
    {
        // Another server instance's builder holds the lock.
        await using var other = await fixture.Database.DataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({TrackChunks.BuilderLockKey})", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        var whileHeld = await new TrackChunkBuilder(fixture.Database.DataSource).CatchUpAsync();
        var progressWhileHeld = await fixture.Database.ScalarAsync("SELECT count(*) FROM track_chunk_progress");
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({TrackChunks.BuilderLockKey})", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        var afterwards = await new TrackChunkBuilder(fixture.Database.DataSource).CatchUpAsync();

        Assert.True(whileHeld.Busy);
        Assert.Equal(0, progressWhileHeld);
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM track_chunk_progress"));
        Assert.False(afterwards.Busy);
        Assert.NotNull(afterwards.BuiltUntil);
    }
}
