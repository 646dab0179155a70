using Tracking.Core.Fixes;

namespace Tracking.Server.Journal;

/// <summary>
/// Reads records back from the journal's segment files for the drainer. Reads only below the durable end in
/// the segment being written; in older segments it reads to the end of the file and drops a torn last record
/// (a crash cut it short before its fsync, so nobody was told it was stored). Not thread-safe: one drainer.
/// </summary>
internal sealed partial class SegmentReader(FixJournal journal, Func<string, string> internId, ILogger logger)
{
    private readonly byte[] _buffer = new byte[1 << 20];

    /// <summary>Reads up to <paramref name="max"/> fixes from <paramref name="from"/>; returns them and the position after them.</summary>
    public (List<Fix> Fixes, JournalPosition Next) Read(JournalPosition from, JournalPosition durableEnd, int max)
    {
        var fixes = new List<Fix>();
        var activeSegment = from.Segment == durableEnd.Segment;
        var path = journal.SegmentPath(from.Segment);
        if (!File.Exists(path))
        {
            return (fixes, activeSegment ? from : new JournalPosition(from.Segment + 1, 0));
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var fileLength = RandomAccess.GetLength(handle);
        var limit = activeSegment ? Math.Min(durableEnd.Offset, fileLength) : fileLength;
        var offset = from.Offset;
        var damaged = false;
        while (fixes.Count < max && offset < limit && !damaged)
        {
            var wanted = (int)Math.Min(_buffer.Length, limit - offset);
            var read = RandomAccess.Read(handle, _buffer.AsSpan(0, wanted), offset);
            if (read == 0)
            {
                break;
            }

            var at = 0;
            while (at < read && fixes.Count < max)
            {
                var length = JournalRecordCodec.TryRead(_buffer.AsSpan(at, read - at), internId, out var fix);
                if (length > 0)
                {
                    fixes.Add(fix!);
                    at += length;
                }
                else
                {
                    // A partial record at the very end of what may be read, or bytes that are no record at all.
                    damaged = length < 0 || offset + read >= limit;
                    break;
                }
            }

            offset += at;
        }

        if (activeSegment || (fixes.Count >= max && !damaged && offset < limit))
        {
            return (fixes, new JournalPosition(from.Segment, offset));
        }

        if (offset < fileLength)
        {
            LogTornTail(logger, path, fileLength - offset);
        }

        return (fixes, new JournalPosition(from.Segment + 1, 0));
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Journal segment {Path} ends in {Bytes} bytes that are not a whole record (cut short by a crash before they were acknowledged); skipped")]
    private static partial void LogTornTail(ILogger logger, string path, long bytes);
}
