using System.Buffers;
using System.Collections.Concurrent;
using Tracking.Core.Fixes;
using Tracking.Storage.Command;

namespace Tracking.Server.Command;

/// <summary>
/// The MQTT messages of command and control, from either broker mode: incidents from the CAD system on
/// <c>cad/incidents</c> and device status on <c>tracking/{deviceId}/status</c>. A message is handled (and,
/// at QoS 1, acknowledged) once the control room has stored what it changed; a bad one is counted by
/// reason, logged at most once a minute per topic, acknowledged, and changes nothing.
/// </summary>
internal sealed partial class ControlMessages(ControlRoom room, TimeProvider time, ILogger<ControlMessages> logger)
{
    public const string IncidentTopic = "cad/incidents";
    private const string StatusSuffix = "/status";
    private const string TrackingPrefix = "tracking/";
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastLogged = new(StringComparer.Ordinal);
    private long _incidents;
    private long _statuses;

    /// <summary>Topic filters an external broker client subscribes to.</summary>
    public static IReadOnlyList<string> Filters { get; } = [IncidentTopic, "tracking/+/status"];

    public long IncidentsAccepted => Interlocked.Read(ref _incidents);

    public long StatusesAccepted => Interlocked.Read(ref _statuses);

    /// <summary>Rejections by topic kind and first problem.</summary>
    public IReadOnlyDictionary<string, long> Rejected => new SortedDictionary<string, long>(_rejected, StringComparer.Ordinal);

    /// <summary>Whether a topic belongs here.</summary>
    public static bool Handles(string topic) =>
        topic == IncidentTopic || (topic.StartsWith(TrackingPrefix, StringComparison.Ordinal) && topic.EndsWith(StatusSuffix, StringComparison.Ordinal));

    /// <summary>Handles one message; completes once its effect is stored (or it was refused).</summary>
    public async Task HandleAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var bytes = payload.Length <= IncidentJson.MaxBytes ? payload.ToArray() : null;
        if (topic == IncidentTopic)
        {
            var incident = bytes is null ? Refuse(problems) : IncidentJson.Parse(bytes, time.GetUtcNow(), problems);
            if (incident is null)
            {
                Reject("cad", topic, problems);
                return;
            }

            await room.UpsertIncidentAsync(incident, cancellationToken);
            Interlocked.Increment(ref _incidents);
            return;
        }

        var deviceId = topic[TrackingPrefix.Length..^StatusSuffix.Length];
        if (!DeviceIds.IsValid(deviceId))
        {
            Reject("status", topic, ["device id: must be " + "1-64 characters of A-Z a-z 0-9 _ . -"]);
            return;
        }

        var status = bytes is null ? null : DeviceStatusMessage.Parse(bytes, problems);
        if (bytes is null)
        {
            problems.Add("message: too large");
        }

        if (status is null)
        {
            Reject("status", topic, problems);
            return;
        }

        var result = await room.DeviceStatusAsync(deviceId, status, cancellationToken);
        if (result.Error is { } error)
        {
            Reject("status", topic, [error.Message]);
            return;
        }

        Interlocked.Increment(ref _statuses);
    }

    private static Core.Incidents.Incident? Refuse(List<string> problems)
    {
        problems.Add($"message: larger than {IncidentJson.MaxBytes} bytes");
        return null;
    }

    private void Reject(string kind, string topic, List<string> problems)
    {
        var first = problems.Count > 0 ? problems[0] : "refused";
        var field = first.Split(':', 2)[0];
        _rejected.AddOrUpdate(kind + ":" + field, 1, (_, n) => n + 1);
        var now = time.GetUtcNow();
        if (_lastLogged.TryGetValue(topic, out var last) && now - last < LogInterval)
        {
            return;
        }

        if (_lastLogged.Count > 10_000)
        {
            _lastLogged.Clear();
        }

        _lastLogged[topic] = now;
        LogRejected(logger, topic, string.Join("; ", problems));
    }

    [LoggerMessage(EventId = 1750, Level = LogLevel.Warning, Message = "Refused a message on {Topic}: {Problems}")]
    private static partial void LogRejected(ILogger logger, string topic, string problems);
}
