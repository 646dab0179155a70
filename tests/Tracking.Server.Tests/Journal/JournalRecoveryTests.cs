using Tracking.Server.Journal;
using static Tracking.Server.Tests.Journal.JournalTesting;

namespace Tracking.Server.Tests.Journal;

/// <summary>A journal opened over what an earlier process left: a new segment, and the undrained rest read back.</summary>
public sealed class JournalRecoveryTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_new_journal_starts_a_new_segment_and_replays_everything_after_the_saved_checkpoint()
    {
        var drained = Fixes("recovered", 0, 50);
        var undrained = Fixes("recovered", 50, 70);
        JournalPosition checkpoint;
        await using (var first = Open(_root.Path))
        {
            await AppendDurablyAsync(first, drained);
            checkpoint = first.DurableEnd;
            first.SaveCheckpoint(checkpoint);
            await AppendDurablyAsync(first, undrained);
        }

        await using var second = Open(_root.Path);

        Assert.Equal(new JournalPosition(1, checkpoint.Offset), second.RecoveredStart);
        Assert.Equal([1L, 2L], second.ListSegments());
        Assert.Equal(new JournalPosition(2, 0), second.RecoveredEnd);
        Assert.Equal(second.RecoveredEnd, second.DurableEnd);
        Assert.Equal(undrained, ReadAll(second, second.RecoveredStart).Flatten());
    }

    [Fact]
    public async Task Without_a_checkpoint_the_new_journal_replays_from_the_first_segment()
    {
        var written = Fixes("never-drained", 0, 90);
        await using (var first = Open(_root.Path))
        {
            await AppendDurablyAsync(first, written[..40]);
            await AppendDurablyAsync(first, written[40..]);
        }

        await using var second = Open(_root.Path);

        Assert.Equal(new JournalPosition(1, 0), second.RecoveredStart);
        Assert.Equal(written, ReadAll(second, second.RecoveredStart).Flatten());
    }

    [Fact]
    public async Task Without_a_checkpoint_replay_starts_at_the_oldest_segment_still_on_disk()
    {
        var written = Fixes("oldest-kept", 0, 30);
        await using (var first = Open(_root.Path))
        {
            await AppendDurablyAsync(first, written[..10]);
        }

        await using (var second = Open(_root.Path))
        {
            await AppendDurablyAsync(second, written[10..20]);
        }

        await using (var third = Open(_root.Path))
        {
            await AppendDurablyAsync(third, written[20..]);
        }

        File.Delete(Path.Combine(_root.Path, "journal", "000000000001.journal"));

        await using var fourth = Open(_root.Path);

        Assert.Equal([2L, 3L, 4L], fourth.ListSegments());
        Assert.Equal(new JournalPosition(2, 0), fourth.RecoveredStart);
        Assert.Equal(written[10..], ReadAll(fourth, fourth.RecoveredStart).Flatten());
    }

    [Fact]
    public async Task An_empty_directory_recovers_nothing()
    {
        await using var journal = Open(_root.Path);

        Assert.Equal(default, journal.RecoveredStart);
        Assert.Equal(new JournalPosition(1, 0), journal.RecoveredEnd);
        Assert.Empty(ReadAll(journal, journal.RecoveredEnd));
    }

    [Theory]
    [InlineData("not a checkpoint")]
    [InlineData("")]
    [InlineData("7 0")]
    public async Task A_checkpoint_that_names_no_segment_on_disk_replays_from_the_first_segment(string content)
    {
        var written = Fixes("bad-checkpoint", 0, 25);
        await using (var first = Open(_root.Path))
        {
            await AppendDurablyAsync(first, written);
        }

        await File.WriteAllTextAsync(Path.Combine(_root.Path, "journal", "checkpoint"), content);

        await using var second = Open(_root.Path);

        Assert.Equal(new JournalPosition(1, 0), second.RecoveredStart);
        Assert.Equal(written, ReadAll(second, second.RecoveredStart).Flatten());
    }

    [Fact]
    public async Task Appends_after_recovery_follow_the_replayed_fixes_in_the_new_segment()
    {
        var before = Fixes("restarted", 0, 20);
        var after = Fixes("restarted", 20, 20);
        await using (var first = Open(_root.Path))
        {
            await AppendDurablyAsync(first, before);
        }

        await using var second = Open(_root.Path);
        await AppendDurablyAsync(second, after);

        var reads = ReadAll(second, second.RecoveredStart);
        Assert.Equal([.. before, .. after], reads.Flatten());
        Assert.Equal(before, reads.Where(read => read.From < second.RecoveredEnd).Flatten());
        Assert.Equal(after, reads.Where(read => read.From >= second.RecoveredEnd).Flatten());
    }

    [Fact]
    public async Task A_checkpoint_survives_restarts_and_still_deletes_older_segments()
    {
        await using (var first = Open(_root.Path))
        {
            await AppendDurablyAsync(first, Fixes("restarts", 0, 10));
        }

        JournalPosition checkpoint;
        await using (var second = Open(_root.Path))
        {
            await AppendDurablyAsync(second, Fixes("restarts", 10, 10));
            checkpoint = ReadAll(second, second.RecoveredStart)[^1].Next;
            second.SaveCheckpoint(checkpoint);
            Assert.Equal([2L], second.ListSegments());
        }

        await using var third = Open(_root.Path);

        Assert.Equal(checkpoint, third.RecoveredStart);
        Assert.Equal([2L, 3L], third.ListSegments());
        Assert.Empty(ReadAll(third, third.RecoveredStart).Flatten());
    }
}
