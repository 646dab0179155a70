using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tracking.Core.Fixes;

namespace Tracking.Server.Journal;

/// <summary>
/// Append-only, fsynced journal of accepted fixes: the first durable home of every fix.
/// <para>
/// Publishers call <see cref="AppendAsync"/>; one writer task takes everything queued, writes it, fsyncs once
/// (group commit) and completes every waiting append together, so the cost of an fsync is shared by all the
/// connections that published meanwhile. The <see cref="JournalDrainer"/> copies the journal into PostgreSQL
/// and records how far it got (<see cref="SaveCheckpoint"/>); drained segments are deleted.
/// </para>
/// <para>
/// Files: <c>{segment:D12}.journal</c> (records of <see cref="JournalRecordCodec"/>) and <c>checkpoint</c>.
/// Each process start begins a new segment, so a record torn by a crash can only sit at the end of an older
/// segment, where the reader drops it (it was never acknowledged). The checkpoint need not be durable:
/// re-draining a record stores nothing twice because <c>fixes</c> is unique on (device, device time).
/// </para>
/// Thread-safety: <see cref="AppendAsync"/> is safe from any number of threads; the reading side is for one drainer.
/// </summary>
internal sealed partial class FixJournal : IAsyncDisposable
{
    private const string SegmentSuffix = ".journal";
    private const string CheckpointFile = "checkpoint";
    private const int MaxBatchBytes = 1 << 20;

    private readonly string _directory;
    private readonly long _segmentBytes;
    private readonly Channel<PendingAppend> _appends;
    private readonly Channel<bool> _durableSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ILogger<FixJournal> _logger;
    private readonly Task _writer;
    private FileStream _segment;
    private long _segmentIndex;
    private JournalPosition _durableEnd;
    private long _appendedFixes;
    private long _pendingAppends;

    /// <summary>
    /// Called on the writer task after each group commit with the fixes that just became durable. The list is the
    /// writer's own buffer, reused for the next commit: a handler copies what it keeps, returns quickly and never throws.
    /// </summary>
    public event Action<IReadOnlyList<Fix>>? Durable;

    public FixJournal(IOptions<JournalOptions> options, IHostEnvironment environment, ILogger<FixJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _logger = logger;
        _directory = Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);
        _segmentBytes = options.Value.SegmentBytes;
        Directory.CreateDirectory(_directory);

        var existing = ListSegments();
        RecoveredStart = LoadCheckpoint(existing);
        _segmentIndex = existing.Count > 0 ? existing[^1] + 1 : 1;
        _segment = CreateSegment(_segmentIndex);
        _durableEnd = new JournalPosition(_segmentIndex, 0);
        RecoveredEnd = _durableEnd;

        _appends = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Where draining starts after this process started: the last saved checkpoint.</summary>
    public JournalPosition RecoveredStart { get; }

    /// <summary>Everything before this position was written by an earlier process (recovery replays it).</summary>
    public JournalPosition RecoveredEnd { get; }

    /// <summary>Everything before this position is fsynced and may be read.</summary>
    public JournalPosition DurableEnd => ReadDurableEnd();

    /// <summary>Fixes appended since start.</summary>
    public long AppendedFixes => Interlocked.Read(ref _appendedFixes);

    /// <summary>Appends queued and not yet durable.</summary>
    public long PendingAppends => Interlocked.Read(ref _pendingAppends);

    public string DirectoryPath => _directory;

    private readonly Lock _durableEndLock = new();

    private JournalPosition ReadDurableEnd()
    {
        lock (_durableEndLock)
        {
            return _durableEnd;
        }
    }

    /// <summary>
    /// Queues the fixes for the journal, waiting while the queue is full (back-pressure on the publisher).
    /// The returned task completes when they are fsynced, and faults if the journal cannot write.
    /// </summary>
    public async ValueTask<Task> AppendAsync(Fix[] fixes, CancellationToken cancellationToken)
    {
        var append = new PendingAppend(fixes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref _pendingAppends);
        try
        {
            await _appends.Writer.WriteAsync(append, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _pendingAppends);
            throw;
        }

        return append.Durable.Task;
    }

    /// <summary>Waits until the durable end moves past <paramref name="position"/>.</summary>
    public async ValueTask WaitForDataAfterAsync(JournalPosition position, CancellationToken cancellationToken)
    {
        while (ReadDurableEnd() <= position)
        {
            await _durableSignal.Reader.ReadAsync(cancellationToken);
        }
    }

    private async Task WriteLoop()
    {
        try
        {
            await WriteBatchesAsync();
        }
        catch (Exception exception)
        {
            // A bug or an unforeseen failure: refuse further appends and fail the waiting ones, so publishers get
            // no acknowledgement (and resend) instead of waiting for ever.
            LogWriterStopped(_logger, exception, _directory);
            _appends.Writer.TryComplete(exception);
            while (_appends.Reader.TryRead(out var append))
            {
                Interlocked.Decrement(ref _pendingAppends);
                append.Durable.TrySetException(exception);
            }
        }
    }

    private async Task WriteBatchesAsync()
    {
        var rollFailing = false;
        var buffer = new ArrayBufferWriter<byte>(MaxBatchBytes + JournalRecordCodec.MaxRecordLength);
        var batch = new List<PendingAppend>();
        var durableFixes = new List<Fix>();
        while (await _appends.Reader.WaitToReadAsync())
        {
            buffer.ResetWrittenCount();
            batch.Clear();
            durableFixes.Clear();
            while (buffer.WrittenCount < MaxBatchBytes && _appends.Reader.TryRead(out var append))
            {
                batch.Add(append);
                foreach (var fix in append.Fixes)
                {
                    JournalRecordCodec.Write(buffer, fix);
                }

                durableFixes.AddRange(append.Fixes);
            }

            try
            {
                _segment.Write(buffer.WrittenSpan);
                _segment.Flush(flushToDisk: true);
            }
            catch (IOException exception)
            {
                LogWriteFailed(_logger, exception, _directory);
                FailAll(batch, exception);
                await RecoverSegmentAfterFailure();
                continue;
            }

            lock (_durableEndLock)
            {
                _durableEnd = new JournalPosition(_segmentIndex, _segment.Position);
            }

            Interlocked.Add(ref _appendedFixes, durableFixes.Count);
            Interlocked.Add(ref _pendingAppends, -batch.Count);
            foreach (var append in batch)
            {
                append.Durable.TrySetResult();
            }

            _durableSignal.Writer.TryWrite(true);
            Durable?.Invoke(durableFixes);

            if (_segment.Position >= _segmentBytes)
            {
                try
                {
                    RollSegment();
                    rollFailing = false;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The current segment is intact: keep writing to it and try again after the next commit.
                    if (!rollFailing)
                    {
                        LogRollFailed(_logger, exception, _directory);
                        rollFailing = true;
                    }
                }
            }
        }
    }

    private void FailAll(List<PendingAppend> batch, Exception exception)
    {
        Interlocked.Add(ref _pendingAppends, -batch.Count);
        foreach (var append in batch)
        {
            append.Durable.TrySetException(exception);
        }
    }

    /// <summary>After a failed write the segment may end in a partial record: continue in a fresh segment.</summary>
    private async Task RecoverSegmentAfterFailure()
    {
        while (true)
        {
            try
            {
                RollSegment();
                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogWriteFailed(_logger, exception, _directory);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private void RollSegment()
    {
        var next = CreateSegment(_segmentIndex + 1);
        _segment.Dispose();
        _segment = next;
        _segmentIndex++;
        lock (_durableEndLock)
        {
            _durableEnd = new JournalPosition(_segmentIndex, 0);
        }

        _durableSignal.Writer.TryWrite(true);
    }

    private FileStream CreateSegment(long index)
    {
        var path = SegmentPath(index);
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        try
        {
            DirectorySync.Flush(_directory);
            return stream;
        }
        catch
        {
            // Leave nothing half made behind, so that a retry can create the segment.
            stream.Dispose();
            File.Delete(path);
            throw;
        }
    }

    public string SegmentPath(long index) =>
        Path.Combine(_directory, index.ToString("D12", CultureInfo.InvariantCulture) + SegmentSuffix);

    /// <summary>Segment numbers present on disk, ascending.</summary>
    public List<long> ListSegments()
    {
        var segments = new List<long>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*" + SegmentSuffix))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                segments.Add(index);
            }
        }

        segments.Sort();
        return segments;
    }

    private JournalPosition LoadCheckpoint(List<long> segments)
    {
        var first = segments.Count > 0 ? new JournalPosition(segments[0], 0) : default;
        var path = Path.Combine(_directory, CheckpointFile);
        if (File.Exists(path))
        {
            var parts = File.ReadAllText(path).Split(' ');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && segments.Contains(segment))
            {
                return new JournalPosition(segment, offset);
            }
        }

        // No usable checkpoint: replay everything there is; duplicates are stored once anyway.
        return first;
    }

    /// <summary>
    /// Records that everything before <paramref name="position"/> is in PostgreSQL, and deletes the segments
    /// wholly before it. Written by rename so a crash leaves the old or the new checkpoint, never half of one.
    /// </summary>
    public void SaveCheckpoint(JournalPosition position)
    {
        var path = Path.Combine(_directory, CheckpointFile);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"{position.Segment} {position.Offset}"));
        File.Move(temporary, path, overwrite: true);

        var deleted = false;
        foreach (var segment in ListSegments())
        {
            if (segment >= position.Segment)
            {
                break;
            }

            File.Delete(SegmentPath(segment));
            deleted = true;
        }

        if (deleted)
        {
            DirectorySync.Flush(_directory);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writer;
        await _segment.DisposeAsync();
    }

    private sealed record PendingAppend(Fix[] Fixes, TaskCompletionSource Durable);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Cannot start a new journal segment in {Directory}; writing on in the current one and retrying after each commit")]
    private static partial void LogRollFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Critical, Message = "The journal writer in {Directory} stopped; no fix can be acknowledged until the server restarts")]
    private static partial void LogWriterStopped(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Journal write failed in {Directory}; the fixes waiting were not acknowledged")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory);
}
