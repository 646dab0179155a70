using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tracking.Core.Fixes;
using Tracking.Server.Journal;

namespace Tracking.Server.Tests.Journal;

/// <summary>Opens journals over a test directory, makes distinct fixes and reads a journal back the way the drainer does.</summary>
internal static class JournalTesting
{
    public const long SmallSegmentBytes = 1 << 16;

    public static readonly DateTimeOffset Epoch = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>Opens a journal in the subdirectory <c>journal</c> of <paramref name="contentRoot"/> (a relative path, as in production).</summary>
    public static FixJournal Open(string contentRoot, long segmentBytes = 64L << 20, int queueCapacity = 16_384) =>
        new(
            Options.Create(new JournalOptions { Directory = "journal", SegmentBytes = segmentBytes, QueueCapacity = queueCapacity }),
            new TestHostEnvironment(contentRoot),
            NullLogger<FixJournal>.Instance);

    /// <summary>A fix of <paramref name="deviceId"/> whose device time and values are derived from <paramref name="sequence"/>, every optional present.</summary>
    public static Fix Fix(string deviceId, int sequence) => new()
    {
        DeviceId = deviceId,
        DeviceTime = Epoch.AddSeconds(sequence),
        ReceivedAt = Epoch.AddSeconds(sequence).AddMilliseconds(250),
        Latitude = 52.6369012 + (sequence * 1e-6),
        Longitude = -1.1398456 - (sequence * 1e-6),
        Speed = sequence % 40,
        Heading = sequence % 360,
        Accuracy = 4.5,
        Altitude = 71.25,
        Source = FixSource.Native,
    };

    public static Fix[] Fixes(string deviceId, int from, int count) =>
        Enumerable.Range(from, count).Select(sequence => Fix(deviceId, sequence)).ToArray();

    /// <summary>Appends and waits until the fixes are durable.</summary>
    public static async Task AppendDurablyAsync(FixJournal journal, Fix[] fixes)
    {
        var durable = await journal.AppendAsync(fixes, CancellationToken.None);
        await durable.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Reads from <paramref name="from"/> up to the journal's durable end, as the drainer does, until a read brings
    /// nothing and does not move. Returns every read (its start and what it returned).
    /// </summary>
    public static List<JournalRead> ReadAll(FixJournal journal, JournalPosition from, int max = 10_000, ILogger? logger = null)
    {
        var reader = new SegmentReader(journal, id => id, logger ?? NullLogger.Instance);
        var reads = new List<JournalRead>();
        var cursor = from;
        for (var i = 0; i < 100_000; i++)
        {
            var (fixes, next) = reader.Read(cursor, journal.DurableEnd, max);
            if (fixes.Count == 0 && next == cursor)
            {
                return reads;
            }

            Assert.True(next > cursor, $"The reader did not move forward from {cursor} (it returned {next}).");
            reads.Add(new JournalRead(cursor, fixes, next));
            cursor = next;
        }

        throw new InvalidOperationException("The reader never reached the durable end.");
    }

    public static List<Fix> Flatten(this IEnumerable<JournalRead> reads) => reads.SelectMany(read => read.Fixes).ToList();
}

/// <summary>One call of <see cref="SegmentReader.Read"/>: where it started, the fixes it returned and the position after them.</summary>
internal sealed record JournalRead(JournalPosition From, List<Fix> Fixes, JournalPosition Next);
