using System.Buffers;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Protocols.Nmea;
using Tracking.Protocols.OwnTracks;
using Tracking.Protocols.TetraLip;
using Tracking.Server.Journal;
using Tracking.Storage.DeadLetters;

namespace Tracking.Server.Ingestion;

/// <summary>
/// The front of the pipeline, shared by every transport: routes a topic to its protocol's decoder, decodes, validates, admits the device,
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
        return accepted is null ? IngestOutcome.NothingToStore : await StoreAsync(accepted, cancellationToken);
    }

    /// <summary>Queues accepted fixes for the journal; the outcome's task completes when they are durable.</summary>
    private async ValueTask<IngestOutcome> StoreAsync(Fix[] accepted, CancellationToken cancellationToken)
    {
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

        if (payload.Length > DeviceMessages.MaxPayloadBytes && route.Kind == TopicKind.OwnTracks && IsLargeOwnTracksNonLocation(payload))
        {
            // OwnTracks cards carry a face image and configuration dumps run long: they are not positions and not bad input.
            return null;
        }

        if (payload.Length > DeviceMessages.MaxPayloadBytes)
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
            DecodePayload(route.Kind, payload.FirstSpan, context, fixes, rejections);
        }
        else
        {
            Span<byte> copy = stackalloc byte[DeviceMessages.MaxPayloadBytes];
            payload.CopyTo(copy);
            DecodePayload(route.Kind, copy[..(int)payload.Length], context, fixes, rejections);
        }

        return Validate(topic, deviceId, payload, now, fixes, rejections);
    }

    private static bool IsLargeOwnTracksNonLocation(ReadOnlySequence<byte> payload) =>
        payload.Length <= OwnTracksDecoder.MaxPayloadBytes
        && OwnTracksDecoder.Classify(payload.ToArray()) is not (OwnTracksMessageKind.Location or OwnTracksMessageKind.Invalid or OwnTracksMessageKind.Unknown);

    private static void DecodePayload(TopicKind kind, ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        switch (kind)
        {
            case TopicKind.NativeFix:
                NativeFixDecoder.Decode(payload, context, fixes, rejections);
                break;
            case TopicKind.TetraLip:
                TetraLipDecoder.Decode(payload, context, fixes, rejections);
                break;
            case TopicKind.Nmea:
                NmeaDecoder.Decode(payload, context, fixes, rejections);
                break;
            case TopicKind.OwnTracks:
                // Messages other than locations (lwt, transition, card…) decode to nothing and are no rejection.
                OwnTracksDecoder.Decode(payload, context, fixes, rejections);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a device topic");
        }
    }

    /// <summary>
    /// For devices that report over HTTP (OsmAnd / Traccar Client), whose id is in the request: the request is
    /// decoded already; admission, validation, accounting and the journal are the same as for MQTT.
    /// Returns the outcome and, when nothing was accepted, the first reason it was refused.
    /// </summary>
    public async ValueTask<(IngestOutcome Outcome, Rejection? Refused)> IngestDecodedAsync(
        string origin, string? deviceId, ReadOnlySequence<byte> raw, DateTimeOffset now, List<Fix> fixes, List<Rejection> rejections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rejections);
        stats.Message();
        using var activity = IngestionTelemetry.Source.StartActivity("receive");
        activity?.SetTag("tracking.device_id", deviceId);
        if (fixes.Count > 0 && deviceId is not null && registry.Admit(deviceId) is null)
        {
            fixes.Clear();
            rejections.Insert(0, new Rejection(RejectionReason.UnknownDevice, "device is not registered"));
        }

        var accepted = Validate(origin, deviceId, raw, now, fixes, rejections);
        activity?.SetTag("tracking.accepted", accepted?.Length ?? 0);
        return accepted is null
            ? (IngestOutcome.NothingToStore, rejections.Count > 0 ? rejections[0] : null)
            : (await StoreAsync(accepted, cancellationToken), null);
    }

    /// <summary>
    /// Counts and records the decoder's rejections, then checks every decoded fix (<see cref="FixValidator"/>);
    /// returns the accepted fixes, or null when none were. Refusals found here are appended to <paramref name="rejections"/>.
    /// </summary>
    private Fix[]? Validate(string origin, string? deviceId, ReadOnlySequence<byte> payload, DateTimeOffset now, List<Fix> fixes, List<Rejection> rejections)
    {
        foreach (var rejection in rejections)
        {
            Reject(origin, deviceId, payload, now, rejection);
        }

        var kept = 0;
        for (var i = 0; i < fixes.Count; i++)
        {
            if (validator.Validate(fixes[i], now) is { } refused)
            {
                Reject(origin, deviceId, payload, now, refused);
                rejections.Add(refused);
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
