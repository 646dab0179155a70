using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tracking.Core.Validation;

namespace Tracking.Server.Ingestion;

/// <summary>
/// Counters of the ingestion pipeline, served by <c>GET /api/ingest/stats</c> and published as the
/// <c>Tracking.Ingestion</c> meter. Thread-safe: counters are interlocked, per-device counts live in a
/// concurrent dictionary capped at <see cref="MaxTrackedDevices"/> (a flood of made-up ids cannot grow it without bound).
/// </summary>
internal sealed class IngestStats
{
    public const string MeterName = "Tracking.Ingestion";
    public const int MaxTrackedDevices = 10_000;
    public const string OtherDevices = "(other)";

    private readonly long[] _rejectedByReason = new long[RejectionReasons.All.Count];
    private readonly ConcurrentDictionary<string, long[]> _rejectedByDevice = new(StringComparer.Ordinal);
    private readonly Counter<long> _messages;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<double> _commitLatency;
    private long _messageCount;
    private long _acceptedCount;
    private long _storedCount;
    private long _duplicateCount;
    private long _deadLettersDropped;

    public IngestStats(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("tracking.ingest.messages", description: "Device messages received");
        _accepted = meter.CreateCounter<long>("tracking.ingest.fixes.accepted", description: "Fixes that passed validation and are durable in the journal");
        _rejected = meter.CreateCounter<long>("tracking.ingest.fixes.rejected", description: "Messages or fixes refused, by reason");
        _stored = meter.CreateCounter<long>("tracking.ingest.fixes.stored", description: "Fixes committed in PostgreSQL");
        _duplicates = meter.CreateCounter<long>("tracking.ingest.fixes.duplicate", description: "Fixes already stored (re-sent or replayed)");
        _commitLatency = meter.CreateHistogram<double>("tracking.ingest.commit_latency", unit: "s", description: "Time from receipt to commit in PostgreSQL");
        meter.CreateObservableGauge("tracking.journal.pending_appends", () => JournalPending?.Invoke() ?? 0, description: "Appends waiting for the journal's fsync");
        meter.CreateObservableGauge("tracking.journal.undrained_fixes", () => Undrained?.Invoke() ?? 0, description: "Durable fixes not yet in PostgreSQL");
    }

    /// <summary>Reads the journal queue depth for the gauge; set by the journal's owner.</summary>
    public Func<long>? JournalPending { get; set; }

    /// <summary>Reads how many journal fixes wait for PostgreSQL; set by the drainer.</summary>
    public Func<long>? Undrained { get; set; }

    public LatencyHistogram CommitLatency { get; } = new();

    public long Messages => Interlocked.Read(ref _messageCount);

    public long Accepted => Interlocked.Read(ref _acceptedCount);

    public long Stored => Interlocked.Read(ref _storedCount);

    public long Duplicates => Interlocked.Read(ref _duplicateCount);

    public long DeadLettersDropped => Interlocked.Read(ref _deadLettersDropped);

    public void Message()
    {
        Interlocked.Increment(ref _messageCount);
        _messages.Add(1);
    }

    public void Accept(int fixes)
    {
        Interlocked.Add(ref _acceptedCount, fixes);
        _accepted.Add(fixes);
    }

    public void Reject(RejectionReason reason, string? deviceId)
    {
        Interlocked.Increment(ref _rejectedByReason[(int)reason]);
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason.Name()));
        var key = deviceId ?? OtherDevices;
        if (!_rejectedByDevice.TryGetValue(key, out var counts))
        {
            key = _rejectedByDevice.Count < MaxTrackedDevices ? key : OtherDevices;
            counts = _rejectedByDevice.GetOrAdd(key, _ => new long[RejectionReasons.All.Count]);
        }

        Interlocked.Increment(ref counts[(int)reason]);
    }

    public void Store(int inserted, int duplicates, DateTimeOffset committedAt, IReadOnlyList<Core.Fixes.Fix> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Interlocked.Add(ref _storedCount, inserted);
        Interlocked.Add(ref _duplicateCount, duplicates);
        _stored.Add(inserted);
        _duplicates.Add(duplicates);
        foreach (var fix in batch)
        {
            var latency = committedAt - fix.ReceivedAt;
            CommitLatency.Record(latency);
            _commitLatency.Record(latency.TotalSeconds);
        }
    }

    public void DeadLetterDropped() => Interlocked.Increment(ref _deadLettersDropped);

    public long Rejected(RejectionReason reason) => Interlocked.Read(ref _rejectedByReason[(int)reason]);

    public long RejectedTotal
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _rejectedByReason.Length; i++)
            {
                total += Interlocked.Read(ref _rejectedByReason[i]);
            }

            return total;
        }
    }

    /// <summary>Per-device rejection counts by reason name, devices with the most rejections first.</summary>
    public IEnumerable<(string DeviceId, Dictionary<string, long> ByReason)> RejectedByDevice(int top)
    {
        return _rejectedByDevice
            .Select(entry => (entry.Key, Counts: entry.Value.Select(c => Interlocked.Read(ref c)).ToArray()))
            .OrderByDescending(entry => entry.Counts.Sum())
            .Take(top)
            .Select(entry => (entry.Key, RejectionReasons.All
                .Where(reason => entry.Counts[(int)reason] > 0)
                .ToDictionary(reason => reason.Name(), reason => entry.Counts[(int)reason])));
    }
}
