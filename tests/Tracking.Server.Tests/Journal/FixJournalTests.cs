using System.Collections.Concurrent;
using Tracking.Core.Fixes;
using Tracking.Server.Journal;
using static Tracking.Server.Tests.Journal.JournalTesting;

namespace Tracking.Server.Tests.Journal;

public sealed class FixJournalTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Appended_fixes_become_durable_and_read_back_equal_in_every_field()
    {
        await using var journal = Open(_root.Path);
        var start = journal.DurableEnd;
        Fix[] fixes =
        [
            Fix("unit-1", 1),
            new()
            {
                DeviceId = new string('x', DeviceIds.MaxLength),
                DeviceTime = Epoch.AddTicks(1),
                ReceivedAt = Epoch.AddTicks(2),
                Latitude = -89.999999,
                Longitude = 179.999999,
                Source = FixSource.Nmea,
            },
            Fix("unit-1", 2) with { Speed = null, Altitude = null, Source = FixSource.OwnTracks },
            Fix("unit-2", 3) with { Heading = null, Accuracy = null, Source = FixSource.TetraLip },
        ];

        var durable = await journal.AppendAsync(fixes, CancellationToken.None);
        await durable.WaitAsync(Bound);

        Assert.True(durable.IsCompletedSuccessfully);
        Assert.True(journal.DurableEnd > start);
        Assert.Equal(fixes.Length, journal.AppendedFixes);
        Assert.Equal(0, journal.PendingAppends);
        Assert.Equal(fixes, ReadAll(journal, start).Flatten());
    }

    [Fact]
    public async Task The_journal_directory_is_resolved_under_the_content_root_and_holds_one_segment_at_start()
    {
        await using var journal = Open(_root.Path);

        Assert.Equal(Path.Combine(_root.Path, "journal"), journal.DirectoryPath);
        Assert.Equal([1L], journal.ListSegments());
        Assert.True(File.Exists(journal.SegmentPath(1)));
        Assert.Equal(new JournalPosition(1, 0), journal.DurableEnd);
        Assert.Equal(journal.DurableEnd, journal.RecoveredEnd);
    }

    [Fact]
    public async Task Many_concurrent_appenders_are_all_durable_and_read_back_exactly_once_in_each_appenders_order()
    {
        const int appenders = 32;
        const int appendsEach = 150;
        await using var journal = Open(_root.Path, queueCapacity: 16);
        var start = journal.DurableEnd;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = Enumerable.Range(0, appenders).Select(appender => Task.Run(async () =>
        {
            await go.Task;
            var device = $"appender-{appender:D2}";
            var durable = new List<Task>();
            for (var i = 0; i < appendsEach; i++)
            {
                // Mostly single fixes, as one publish each; every seventh append carries three.
                var fixes = i % 7 == 0 ? Fixes(device, i * 3, 3) : [Fix(device, i * 3)];
                durable.Add(await journal.AppendAsync(fixes, CancellationToken.None));
            }

            await Task.WhenAll(durable);
            return durable.Count;
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(tasks).WaitAsync(Bound);

        var expectedPerDevice = appendsEach + (2 * ((appendsEach + 6) / 7));
        var read = ReadAll(journal, start).Flatten();
        Assert.Equal(appenders * expectedPerDevice, read.Count);
        Assert.Equal(read.Count, journal.AppendedFixes);
        Assert.Equal(0, journal.PendingAppends);
        Assert.Equal(read.Count, read.Distinct().Count());
        foreach (var device in read.GroupBy(fix => fix.DeviceId))
        {
            var times = device.Select(fix => fix.DeviceTime).ToList();
            Assert.Equal(expectedPerDevice, times.Count);
            Assert.Equal(times.Order(), times);
        }
    }

    [Fact]
    public async Task The_Durable_event_receives_exactly_the_durable_fixes_in_order()
    {
        var journal = Open(_root.Path);
        var seen = new ConcurrentQueue<Fix>();
        // The list handed to the event is the writer's own buffer, reused for the next commit: copy it.
        journal.Durable += fixes =>
        {
            foreach (var fix in fixes)
            {
                seen.Enqueue(fix);
            }
        };
        var start = journal.DurableEnd;
        var appended = new List<Fix>();
        var durable = new List<Task>();
        for (var i = 0; i < 40; i++)
        {
            var fixes = Fixes("evented", i * 5, 1 + (i % 5));
            appended.AddRange(fixes);
            durable.Add(await journal.AppendAsync(fixes, CancellationToken.None));
        }

        await Task.WhenAll(durable).WaitAsync(Bound);
        var read = ReadAll(journal, start).Flatten();
        // The event runs on the writer after the appends complete; disposing waits for the writer to finish.
        await journal.DisposeAsync();

        Assert.Equal(appended, seen);
        Assert.Equal(appended, read);
    }

    [Fact]
    public async Task An_append_of_no_fixes_completes_and_writes_nothing()
    {
        await using var journal = Open(_root.Path);
        var start = journal.DurableEnd;

        await AppendDurablyAsync(journal, []);

        Assert.Equal(start, journal.DurableEnd);
        Assert.Empty(ReadAll(journal, start));
    }

    [Fact]
    public async Task Segments_roll_past_SegmentBytes_and_the_reader_moves_across_them()
    {
        await using var journal = Open(_root.Path, SmallSegmentBytes);
        var start = journal.DurableEnd;
        var appended = new List<Fix>();
        // Each append is about 0.6 segment, so every second one rolls. An odd number of appends leaves the last
        // segment open: no roll is still in flight on the writer when the test looks.
        for (var i = 0; i < 11; i++)
        {
            var fixes = Fixes("roller", i * 500, 500);
            appended.AddRange(fixes);
            await AppendDurablyAsync(journal, fixes);
        }

        var segments = journal.ListSegments();
        Assert.Equal(segments[^1], journal.DurableEnd.Segment);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), segments);
        foreach (var closed in segments[..^1])
        {
            Assert.True(new FileInfo(journal.SegmentPath(closed)).Length >= SmallSegmentBytes, $"Segment {closed} was closed before it was full.");
        }

        var reads = ReadAll(journal, start, max: 300);
        Assert.Equal(appended, reads.Flatten());
        Assert.Equal(segments, reads.Select(read => read.From.Segment).Distinct());
        Assert.Equal(journal.DurableEnd, reads[^1].Next);
    }

    [Fact]
    public async Task SaveCheckpoint_deletes_the_segments_wholly_before_it_and_keeps_the_rest()
    {
        await using var journal = Open(_root.Path, SmallSegmentBytes);
        // About 0.67 segment per append: every second append rolls, and the odd count leaves no roll in flight.
        for (var i = 0; i < 9; i++)
        {
            await AppendDurablyAsync(journal, Fixes("checkpointed", i * 500, 500));
        }

        var segments = journal.ListSegments();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), segments);
        var reads = ReadAll(journal, new JournalPosition(1, 0), max: 100);
        var inThird = reads.First(read => read.From.Segment == 3 && read.From.Offset > 0).From;

        journal.SaveCheckpoint(inThird);

        Assert.Equal(segments.Where(segment => segment >= 3), journal.ListSegments());
        Assert.Equal(
            reads.Where(read => read.From >= inThird).Flatten(),
            ReadAll(journal, inThird).Flatten());

        journal.SaveCheckpoint(journal.DurableEnd);

        Assert.Equal([journal.DurableEnd.Segment], journal.ListSegments());
        Assert.True(File.Exists(journal.SegmentPath(journal.DurableEnd.Segment)));
        await AppendDurablyAsync(journal, [Fix("checkpointed", 99_999)]);
        Assert.Equal([Fix("checkpointed", 99_999)], ReadAll(journal, reads[^1].Next).Flatten());
    }

    [Fact]
    public async Task WaitForDataAfterAsync_completes_when_new_data_is_appended()
    {
        await using var journal = Open(_root.Path);
        var position = journal.DurableEnd;
        var waiting = journal.WaitForDataAfterAsync(position, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        await AppendDurablyAsync(journal, [Fix("waited-for", 1)]);
        await waiting.WaitAsync(Bound);

        Assert.True(journal.DurableEnd > position);
    }

    [Fact]
    public async Task WaitForDataAfterAsync_completes_at_once_when_data_is_already_there()
    {
        await using var journal = Open(_root.Path);
        var position = journal.DurableEnd;
        await AppendDurablyAsync(journal, [Fix("already", 1)]);

        await journal.WaitForDataAfterAsync(position, CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.True(journal.DurableEnd > position);
    }

    [Fact]
    public async Task WaitForDataAfterAsync_is_cancellable()
    {
        await using var journal = Open(_root.Path);
        using var cancellation = new CancellationTokenSource();
        var waiting = journal.WaitForDataAfterAsync(journal.DurableEnd, cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));
    }

    [Fact]
    public async Task Appends_queued_before_dispose_become_durable()
    {
        var journal = Open(_root.Path);
        var start = journal.DurableEnd;
        var durable = new List<Task>();
        var appended = new List<Fix>();
        for (var i = 0; i < 200; i++)
        {
            var fix = Fix("late", i);
            appended.Add(fix);
            durable.Add(await journal.AppendAsync([fix], CancellationToken.None));
        }

        await journal.DisposeAsync();

        Assert.All(durable, task => Assert.True(task.IsCompletedSuccessfully));
        await using var reopened = Open(_root.Path);
        Assert.Equal(appended, ReadAll(reopened, start).Flatten());
    }

    [Fact]
    public async Task An_append_after_dispose_is_refused()
    {
        var journal = Open(_root.Path);
        await journal.DisposeAsync();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await journal.AppendAsync([Fix("closed", 1)], CancellationToken.None));
    }

    /// <summary>
    /// Regression: a segment roll that throws (here the next segment's file cannot be created; in production EMFILE,
    /// ENOSPC or a failed directory fsync) escaped the writer loop and ended the writer task, so every later append
    /// waited for ever: no acknowledgement, no fault, no log line.
    /// </summary>
    [Fact]
    public async Task A_failed_segment_roll_does_not_leave_later_appends_waiting_for_ever()
    {
        var journal = Open(_root.Path, SmallSegmentBytes);
        Exception? outcome;
        try
        {
            // Something already holds the name of the next segment, so creating it fails.
            await File.WriteAllBytesAsync(journal.SegmentPath(2), []);
            await AppendDurablyAsync(journal, Fixes("roll-fails", 0, 1000));

            var later = await journal.AppendAsync([Fix("roll-fails", 1000)], CancellationToken.None);
            outcome = await Record.ExceptionAsync(() => later.WaitAsync(Bound));
        }
        finally
        {
            _ = await Record.ExceptionAsync(() => journal.DisposeAsync().AsTask().WaitAsync(Bound));
        }

        Assert.False(outcome is TimeoutException, "An append after a failed segment roll was neither made durable nor failed.");
    }
}
