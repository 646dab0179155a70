using Microsoft.Extensions.Logging;
using Tracking.Core.Fixes;
using Tracking.Server.Journal;
using Tracking.Server.Tests.Ingestion;
using static Tracking.Server.Tests.Journal.JournalTesting;

namespace Tracking.Server.Tests.Journal;

/// <summary>Reading segments back: the durable end in the active segment, and torn or corrupt bytes in older ones.</summary>
public sealed class SegmentReaderTests : IDisposable
{
    private const int TornTailEventId = 1110;
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string SegmentFile(long segment) => Path.Combine(_root.Path, "journal", $"{segment:D12}.journal");

    /// <summary>Writes <paramref name="fixes"/> into segment 1 with a journal that is then closed, so segment 1 is an older segment for the next one.</summary>
    private async Task<List<JournalPosition>> WriteOldSegmentAsync(Fix[] fixes)
    {
        await using var journal = Open(_root.Path);
        await AppendDurablyAsync(journal, fixes);
        // Where each record starts, and the end of the last: read one fix at a time.
        var reads = ReadAll(journal, new JournalPosition(1, 0), max: 1);
        return [.. reads.Select(read => read.From), reads[^1].Next];
    }

    [Fact]
    public async Task Reading_stops_at_the_durable_end_it_is_given_in_the_active_segment()
    {
        await using var journal = Open(_root.Path);
        var reader = new SegmentReader(journal, id => id, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var first = Fixes("bounded", 0, 30);
        var second = Fixes("bounded", 30, 30);
        await AppendDurablyAsync(journal, first);
        var firstEnd = journal.DurableEnd;
        await AppendDurablyAsync(journal, second);

        var (fixes, next) = reader.Read(new JournalPosition(1, 0), firstEnd, 1_000);
        var (none, stay) = reader.Read(firstEnd, firstEnd, 1_000);
        var (rest, end) = reader.Read(firstEnd, journal.DurableEnd, 1_000);

        Assert.True(journal.DurableEnd > firstEnd);
        Assert.Equal(first, fixes);
        Assert.Equal(firstEnd, next);
        Assert.Empty(none);
        Assert.Equal(firstEnd, stay);
        Assert.Equal(second, rest);
        Assert.Equal(journal.DurableEnd, end);
    }

    [Fact]
    public async Task Bytes_past_the_durable_end_of_the_active_segment_are_not_read_even_when_they_are_whole_records()
    {
        await using var journal = Open(_root.Path);
        await AppendDurablyAsync(journal, Fixes("in-flight", 0, 10));
        var durableEnd = journal.DurableEnd;
        var reader = new SegmentReader(journal, id => id, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var (atEnd, _) = reader.Read(durableEnd, durableEnd, 1_000);
        Assert.Empty(atEnd);

        // A record the writer has put in the file but not yet fsynced and published as durable.
        await AppendDurablyAsync(journal, [Fix("in-flight", 10)]);
        var (fixes, next) = reader.Read(new JournalPosition(1, 0), durableEnd, 1_000);

        Assert.Equal(Fixes("in-flight", 0, 10), fixes);
        Assert.Equal(durableEnd, next);
    }

    [Fact]
    public async Task Reads_of_at_most_max_fixes_resume_where_the_last_one_stopped_in_an_older_segment()
    {
        var written = Fixes("paged", 0, 95);
        await WriteOldSegmentAsync(written);
        await using var journal = Open(_root.Path);

        var reads = ReadAll(journal, new JournalPosition(1, 0), max: 10);

        Assert.Equal(written, reads.Flatten());
        Assert.All(reads, read => Assert.True(read.Fixes.Count <= 10));
        Assert.Equal(10, reads.Count(read => read.From.Segment == 1));
        Assert.Equal(new JournalPosition(2, 0), reads.Last(read => read.From.Segment == 1).Next);
    }

    [Fact]
    public async Task A_missing_older_segment_is_passed_over()
    {
        await using var journal = Open(_root.Path);
        var reader = new SegmentReader(journal, id => id, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var (fixes, next) = reader.Read(new JournalPosition(0, 0), journal.DurableEnd, 1_000);

        Assert.Empty(fixes);
        Assert.Equal(new JournalPosition(1, 0), next);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(20)]
    public async Task A_torn_last_record_is_skipped_and_draining_goes_on_in_the_next_segment(int bytesCut)
    {
        var old = Fixes("torn", 0, 12);
        var positions = await WriteOldSegmentAsync(old);
        using (var file = new FileStream(SegmentFile(1), FileMode.Open, FileAccess.Write))
        {
            file.SetLength(positions[^1].Offset - bytesCut);
        }

        var logger = new CapturingLogger<SegmentReader>();
        await using var journal = Open(_root.Path);
        var fresh = Fixes("torn", 12, 5);
        await AppendDurablyAsync(journal, fresh);

        var reads = ReadAll(journal, journal.RecoveredStart, logger: logger);

        Assert.Equal([.. old[..^1], .. fresh], reads.Flatten());
        Assert.Equal(new JournalPosition(2, 0), reads[0].Next);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(TornTailEventId, warning.EventId);
        Assert.Equal(positions[^1].Offset - bytesCut - positions[^2].Offset, (long)warning.Values["Bytes"]!);
    }

    public static TheoryData<string, byte[]> TailGarbage() => new()
    {
        { "a few 0xFF bytes", [0xFF, 0xFF, 0xFF] },
        { "a header's worth of 0xFF bytes", Enumerable.Repeat((byte)0xFF, 40).ToArray() },
        { "zeros, as a file extended by a crash before its data was written", new byte[4096] },
        { "the start of a plausible header", [60, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(TailGarbage))]
    public async Task Garbage_after_the_last_record_of_an_older_segment_is_skipped_and_draining_goes_on_in_the_next_segment(string what, byte[] garbage)
    {
        Assert.NotNull(what);
        var old = Fixes("garbage-tail", 0, 12);
        await WriteOldSegmentAsync(old);
        using (var file = new FileStream(SegmentFile(1), FileMode.Append, FileAccess.Write))
        {
            file.Write(garbage);
        }

        var logger = new CapturingLogger<SegmentReader>();
        await using var journal = Open(_root.Path);
        var fresh = Fixes("garbage-tail", 12, 5);
        await AppendDurablyAsync(journal, fresh);

        var reads = ReadAll(journal, journal.RecoveredStart, logger: logger);

        Assert.Equal([.. old, .. fresh], reads.Flatten());
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(TornTailEventId, warning.EventId);
        Assert.Equal(garbage.Length, (long)warning.Values["Bytes"]!);
    }

    [Fact]
    public async Task A_corrupted_CRC_in_the_middle_of_an_older_segment_ends_that_segment_there()
    {
        var old = Fixes("bit-rot", 0, 10);
        var positions = await WriteOldSegmentAsync(old);
        using (var file = new FileStream(SegmentFile(1), FileMode.Open, FileAccess.ReadWrite))
        {
            // A byte of the sixth record's body (its latitude).
            file.Position = positions[5].Offset + JournalRecordCodec.HeaderLength + 20;
            var value = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(value ^ 0x5A));
        }

        var logger = new CapturingLogger<SegmentReader>();
        await using var journal = Open(_root.Path);
        var fresh = Fixes("bit-rot", 10, 3);
        await AppendDurablyAsync(journal, fresh);

        var reads = ReadAll(journal, journal.RecoveredStart, logger: logger);

        Assert.Equal([.. old[..5], .. fresh], reads.Flatten());
        Assert.Equal(new JournalPosition(2, 0), reads[0].Next);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(positions[^1].Offset - positions[5].Offset, (long)warning.Values["Bytes"]!);
    }

    [Fact]
    public async Task A_corrupt_record_read_from_a_checkpoint_inside_an_older_segment_is_skipped_the_same_way()
    {
        var old = Fixes("from-checkpoint", 0, 10);
        var positions = await WriteOldSegmentAsync(old);
        using (var file = new FileStream(SegmentFile(1), FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = positions[8].Offset + 4;
            file.WriteByte(0);
            file.WriteByte(0);
        }

        await using (var checkpointed = Open(_root.Path))
        {
            checkpointed.SaveCheckpoint(positions[3]);
        }

        await using var journal = Open(_root.Path);

        Assert.Equal(positions[3], journal.RecoveredStart);
        Assert.Equal(old[3..8], ReadAll(journal, journal.RecoveredStart).Flatten());
    }
}
