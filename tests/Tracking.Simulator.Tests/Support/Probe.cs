using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Protocols.Nmea;
using Tracking.Protocols.OsmAnd;
using Tracking.Protocols.OwnTracks;
using Tracking.Protocols.TetraLip;
using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Tests.Support;

/// <summary>
/// What the server would make of a simulated message, without a server: the topic routed by <see cref="TopicRouter"/>,
/// the payload through the protocol's decoder, each fix through <see cref="FixValidator"/>, as the server's ingestor does.
/// </summary>
internal static class Probe
{
    public sealed record Outcome(List<Fix> Accepted, List<Rejection> Rejected);

    public static Outcome Decode(DeviceMessage message, DateTimeOffset now)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        if (message.Query is { } query)
        {
            OsmAndDecoder.DecodeQuery(query, now, OsmAndSpeedUnit.Knots, fixes, rejections, out _);
        }
        else
        {
            var route = TopicRouter.Route(message.Topic!);
            if (!route.DeviceIdIsValid)
            {
                return new Outcome([], [new Rejection(RejectionReason.BadDeviceId, "device id")]);
            }

            if (message.Payload.Length > DeviceMessages.MaxPayloadBytes)
            {
                return new Outcome([], [new Rejection(RejectionReason.PayloadTooLarge, "payload")]);
            }

            var context = new DecodeContext(route.DeviceId, now);
            switch (route.Kind)
            {
                case TopicKind.NativeFix:
                    NativeFixDecoder.Decode(message.Payload, context, fixes, rejections);
                    break;
                case TopicKind.Nmea:
                    NmeaDecoder.Decode(message.Payload, context, fixes, rejections);
                    break;
                case TopicKind.TetraLip:
                    TetraLipDecoder.Decode(message.Payload, context, fixes, rejections);
                    break;
                case TopicKind.OwnTracks:
                    OwnTracksDecoder.Decode(message.Payload, context, fixes, rejections);
                    break;
                default:
                    throw new InvalidOperationException("not a device topic: " + message.Topic);
            }
        }

        var validator = new FixValidator(new FixValidationOptions());
        var accepted = new List<Fix>();
        foreach (var fix in fixes)
        {
            if (validator.Validate(fix, now) is { } refused)
            {
                rejections.Add(refused);
            }
            else
            {
                accepted.Add(fix);
            }
        }

        return new Outcome(accepted, rejections);
    }

    /// <summary>Metres between two WGS84 positions (equirectangular: exact enough across a city).</summary>
    public static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        var north = (lat2 - lat1) * 111_320;
        var east = (lon2 - lon1) * 111_320 * Math.Cos(lat1 * Math.PI / 180);
        return Math.Sqrt((north * north) + (east * east));
    }
}
