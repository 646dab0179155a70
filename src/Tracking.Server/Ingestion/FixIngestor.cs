using System.Buffers;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Server.Journal;
using Tracking.Storage.DeadLetters;

namespace Tracking.Server.Ingestion;

/// <summary>
/// The front of the pipeline, shared by every transport: routes a topic, decodes, validates, admits the device,
/// counts and logs rejections, and queues accepted fixes for the journal. A rejection touches nothing but its
/// own counters; only the journal's queue can slow a publisher down (back-pressure), never someone else's bad input.
/// Thread-safe: called concurrently from every connection.
/// </summary>
internal sealed class FixIngestor(
    FixJournal journal,
    DeviceRegistry registry,
    FixValidator validator,
    IngestStats stats,
    RejectionLog rejectionLog,
    DeadLetterQueue deadLetters,
    TimeProvider time)
{
    [ThreadStatic]
    private static List<Fix>? t_fixes;

    [ThreadStatic]
    private static List<Rejection>? t_rejections;

    /// <summary>Takes one MQTT message; see <see cref="IngestOutcome"/>.</summary>
    public async ValueTask<IngestOutcome> IngestAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        var route = TopicRouter.Route(topic);
        if (route.Kind == TopicKind.Other)
        {
            return IngestOutcome.NotDeviceTopic;
        }

        stats.Message();
        using var activity = IngestionTelemetry.Source.StartActivity("receive");
        activity?.SetTag("tracking.device_id", route.DeviceId);
        var accepted = Decode(topic, route, payload);
        activity?.SetTag("tracking.accepted", accepted?.Length ?? 0);
        if (accepted is null)
        {
            return IngestOutcome.NothingToStore;
        }

        var durable = await journal.AppendAsync(accepted, cancellationToken);
        stats.Accept(accepted.Length);
        return new IngestOutcome(true, durable);
    }

    /// <summary>Decodes and validates synchronously; returns the accepted fixes, or null when none were.</summary>
    private Fix[]? Decode(string topic, TopicRoute route, ReadOnlySequence<byte> payload)
    {
        var now = time.GetUtcNow();
        if (!route.DeviceIdIsValid)
        {
            Reject(topic, null, payload, now, new Rejection(RejectionReason.BadDeviceId, "device id must be 1-64 characters of A-Z a-z 0-9 _ . -"));
            return null;
        }

        var deviceId = registry.Admit(route.DeviceId);
        if (deviceId is null)
        {
            Reject(topic, route.DeviceId, payload, now, new Rejection(RejectionReason.UnknownDevice, "device is not registered"));
            return null;
        }

        if (payload.Length > NativeFixDecoder.MaxPayloadBytes)
        {
            Reject(topic, deviceId, payload, now, new Rejection(RejectionReason.PayloadTooLarge, "payload is larger than 4096 bytes"));
            return null;
        }

        var fixes = t_fixes ??= new List<Fix>(8);
        var rejections = t_rejections ??= new List<Rejection>(2);
        fixes.Clear();
        rejections.Clear();
        var context = new DecodeContext(deviceId, now);
        if (payload.IsSingleSegment)
        {
            NativeFixDecoder.Decode(payload.FirstSpan, context, fixes, rejections);
        }
        else
        {
            Span<byte> copy = stackalloc byte[NativeFixDecoder.MaxPayloadBytes];
            payload.CopyTo(copy);
            NativeFixDecoder.Decode(copy[..(int)payload.Length], context, fixes, rejections);
        }

        foreach (var rejection in rejections)
        {
            Reject(topic, deviceId, payload, now, rejection);
        }

        var kept = 0;
        for (var i = 0; i < fixes.Count; i++)
        {
            if (validator.Validate(fixes[i], now) is { } refused)
            {
                Reject(topic, deviceId, payload, now, refused);
            }
            else
            {
                fixes[kept++] = fixes[i];
            }
        }

        if (kept == 0)
        {
            return null;
        }

        var accepted = new Fix[kept];
        fixes.CopyTo(0, accepted, 0, kept);
        return accepted;
    }

    private void Reject(string topic, string? deviceId, ReadOnlySequence<byte> payload, DateTimeOffset now, Rejection rejection)
    {
        stats.Reject(rejection.Reason, deviceId);
        rejectionLog.Rejected(deviceId, topic, rejection);
        deadLetters.Enqueue(new DeadLetter(now, topic, deviceId, rejection.Reason.Name(), rejection.Detail,
            payload.Slice(0, Math.Min(payload.Length, DeadLetterQueue.MaxStoredPayloadBytes)).ToArray()));
    }
}
