using System.Text.Json;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.OwnTracks;

/// <summary>
/// Decodes OwnTracks messages (OwnTracks booklet, "JSON"): one UTF-8 JSON object identified by its <c>_type</c> member,
/// as the iOS and Android apps publish it to <c>owntracks/{user}/{device}</c> (MQTT) or POST it (HTTP mode).
/// <para>
/// <c>_type: location</c> gives one fix. Its members, in the booklet's units, map to the fix as follows:
/// <c>lat</c>, <c>lon</c> (degrees, required) → <see cref="Fix.Latitude"/>, <see cref="Fix.Longitude"/>;
/// <c>tst</c> (unix seconds of the GPS fix, required, an integer) → <see cref="Fix.DeviceTime"/>;
/// <c>acc</c> (m) → <see cref="Fix.Accuracy"/>; <c>alt</c> (m above sea level) → <see cref="Fix.Altitude"/>;
/// <c>vel</c> (km/h) → <see cref="Fix.Speed"/> in m/s; <c>cog</c> (degrees) → <see cref="Fix.Heading"/>;
/// <c>batt</c> (percent) → <see cref="Fix.Battery"/>.
/// <c>created_at</c> is when the app built the message, not when the position was measured, so <c>tst</c> is the fix
/// time and <c>created_at</c> is ignored; so are <c>tid</c>, <c>t</c>, <c>topic</c>, <c>conn</c>, <c>inregions</c> and every
/// other member. The booklet says the apps leave <c>acc</c>, <c>alt</c>, <c>cog</c> and <c>vel</c> out when they are zero,
/// but an absent member cannot be told from one the device does not report, so an absent member is null, never 0.
/// The device id is the caller's (<see cref="DecodeContext.DeviceId"/>, <c>{user}.{device}</c> from the topic), never the payload's.
/// </para>
/// <para>
/// Every other type the booklet lists (<c>lwt</c>, <c>transition</c>, <c>waypoint</c>, <c>waypoints</c>, <c>card</c>, <c>cmd</c>,
/// <c>configuration</c>, <c>steps</c>, <c>beacon</c>, <c>encrypted</c>, <c>status</c>, <c>request</c>) is a normal message that
/// carries no fix: nothing is appended, neither a fix nor a rejection. <see cref="Classify"/> tells the caller which one it was.
/// A <c>_type</c> the booklet does not list is refused as <see cref="RejectionReason.UnsupportedMessage"/>, so a message type
/// added by a future app version is counted and kept in the dead letters rather than silently lost.
/// </para>
/// Syntax only: ranges and clocks are checked by <see cref="FixValidator"/>. Pure and thread-safe.
/// </summary>
public static class OwnTracksDecoder
{
    /// <summary>
    /// Largest accepted payload. Far above a location (about 300 bytes) so that a <c>card</c> with its base64 face image
    /// or a <c>configuration</c> with its waypoints is still recognised rather than refused.
    /// </summary>
    public const int MaxPayloadBytes = 262_144;

    // A cmd carrying a configuration carrying waypoints nests about five levels; the bound limits a hostile payload's work.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>Largest <c>tst</c> a <see cref="DateTimeOffset"/> holds (9999-12-31T23:59:59Z).</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>
    /// Decodes one message. A good location is appended to <paramref name="fixes"/>; a refused message adds one entry to
    /// <paramref name="rejections"/>; a recognised message of another type appends nothing to either.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rejections);
        if (Read(payload, out var message) is { } refused)
        {
            rejections.Add(refused);
            return;
        }

        if (message.Kind == OwnTracksMessageKind.Unknown)
        {
            rejections.Add(new Rejection(RejectionReason.UnsupportedMessage, "_type is not a message type the OwnTracks booklet lists"));
            return;
        }

        if (message.Kind != OwnTracksMessageKind.Location)
        {
            return;
        }

        if (message.FieldError is { } invalid)
        {
            rejections.Add(invalid);
        }
        else if (message.Time is not { } time)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "tst is required in a location"));
        }
        else if (message.Latitude is not { } latitude)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "lat is required in a location"));
        }
        else if (message.Longitude is not { } longitude)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "lon is required in a location"));
        }
        else
        {
            fixes.Add(new Fix
            {
                DeviceId = context.DeviceId,
                DeviceTime = time,
                Latitude = latitude,
                Longitude = longitude,
                Speed = message.Velocity is { } kmh ? SpeedConversions.KilometresPerHourToMetresPerSecond(kmh) : null,
                Heading = message.Course,
                Accuracy = message.Accuracy,
                Altitude = message.Altitude,
                Battery = message.Battery,
                Source = FixSource.OwnTracks,
                ReceivedAt = context.ReceivedAt,
            });
        }
    }

    /// <summary>
    /// What the payload is, by its <c>_type</c>, without decoding a fix: for the caller that wants to count the messages
    /// <see cref="Decode"/> ignores, or to act on one (an <c>lwt</c> means the app lost its connection). A location with bad
    /// members is still <see cref="OwnTracksMessageKind.Location"/>; a payload <see cref="Decode"/> refuses whole is
    /// <see cref="OwnTracksMessageKind.Invalid"/>.
    /// </summary>
    public static OwnTracksMessageKind Classify(ReadOnlySpan<byte> payload) =>
        Read(payload, out var message) is null ? message.Kind : OwnTracksMessageKind.Invalid;


    /// <summary>The members of one message that matter, and the first problem with them.</summary>
    private struct Message
    {
        public OwnTracksMessageKind Kind;
        public DateTimeOffset? Time;
        public double? Latitude, Longitude, Accuracy, Altitude, Velocity, Course, Battery;

        /// <summary>The first member of a location that has the wrong type; it only matters when the message is a location.</summary>
        public Rejection? FieldError;
    }

    /// <summary>
    /// Reads the whole payload; returns the rejection for a payload that is not an OwnTracks message at all (too large, malformed,
    /// no string <c>_type</c>), or null with <paramref name="message"/> filled.
    /// </summary>
    private static Rejection? Read(ReadOnlySpan<byte> payload, out Message message)
    {
        message = default;
        if (payload.Length > MaxPayloadBytes)
        {
            return new Rejection(RejectionReason.PayloadTooLarge, "payload is larger than 262144 bytes");
        }

        Rejection? typeError = null;
        var hasType = false;
        try
        {
            var reader = new Utf8JsonReader(payload, ReaderOptions);
            if (!reader.Read())
            {
                return new Rejection(RejectionReason.MalformedJson, "payload is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // The apps publish one object per message; an array of them is what the Recorder returns to an app, not what a device sends.
                return new Rejection(RejectionReason.MalformedJson, "payload must be one JSON object with a _type");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Identify(ref reader);
                reader.Read();
                switch (field)
                {
                    case Field.Type:
                        ReadType(ref reader, ref message, ref hasType, ref typeError);
                        break;
                    case Field.Time:
                        message.Time = ReadTime(ref reader, ref message.FieldError);
                        break;
                    case Field.Latitude:
                        message.Latitude = JsonValues.ReadNumber(ref reader, ref message.FieldError, "lat must be a number");
                        break;
                    case Field.Longitude:
                        message.Longitude = JsonValues.ReadNumber(ref reader, ref message.FieldError, "lon must be a number");
                        break;
                    case Field.Accuracy:
                        message.Accuracy = JsonValues.ReadNumber(ref reader, ref message.FieldError, "acc must be a number");
                        break;
                    case Field.Altitude:
                        message.Altitude = JsonValues.ReadNumber(ref reader, ref message.FieldError, "alt must be a number");
                        break;
                    case Field.Velocity:
                        message.Velocity = JsonValues.ReadNumber(ref reader, ref message.FieldError, "vel must be a number");
                        break;
                    case Field.Course:
                        message.Course = JsonValues.ReadNumber(ref reader, ref message.FieldError, "cog must be a number");
                        break;
                    case Field.Battery:
                        message.Battery = JsonValues.ReadNumber(ref reader, ref message.FieldError, "batt must be a number");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            // Trailing content after the object ("{...} x") is malformed too; Read throws on it.
            if (reader.Read())
            {
                return new Rejection(RejectionReason.MalformedJson, "unexpected content after the JSON object");
            }
        }
        catch (JsonException)
        {
            return new Rejection(RejectionReason.MalformedJson, "payload is not well-formed JSON");
        }
        catch (InvalidOperationException)
        {
            // The reader checks a string's escapes only when it unescapes it, and reports a lone surrogate ("\ud800")
            // or invalid UTF-8 there with this exception rather than JsonException.
            return new Rejection(RejectionReason.MalformedJson, "payload holds a string with invalid UTF-8 or a lone surrogate escape");
        }

        if (typeError is { } badType)
        {
            return badType;
        }

        if (!hasType)
        {
            return new Rejection(RejectionReason.MissingField, "_type is required");
        }

        return null;
    }

    private enum Field
    {
        Unknown,
        Type,
        Time,
        Latitude,
        Longitude,
        Accuracy,
        Altitude,
        Velocity,
        Course,
        Battery,
    }

    /// <summary>The reader is on a property name.</summary>
    private static Field Identify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return FieldOf(reader.ValueSpan);
        }

        // An escaped name ("\u006cat") is legal JSON. Our names are at most 5 ASCII characters, each at most 6 bytes escaped.
        if (reader.ValueSpan.Length > 30)
        {
            return Field.Unknown;
        }

        Span<byte> name = stackalloc byte[30];
        return FieldOf(name[..reader.CopyString(name)]);
    }

    private static Field FieldOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("lat"u8) => Field.Latitude,
        3 when name.SequenceEqual("lon"u8) => Field.Longitude,
        3 when name.SequenceEqual("tst"u8) => Field.Time,
        3 when name.SequenceEqual("acc"u8) => Field.Accuracy,
        3 when name.SequenceEqual("alt"u8) => Field.Altitude,
        3 when name.SequenceEqual("vel"u8) => Field.Velocity,
        3 when name.SequenceEqual("cog"u8) => Field.Course,
        4 when name.SequenceEqual("batt"u8) => Field.Battery,
        5 when name.SequenceEqual("_type"u8) => Field.Type,
        _ => Field.Unknown,
    };

    private static void ReadType(ref Utf8JsonReader reader, ref Message message, ref bool hasType, ref Rejection? typeError)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                hasType = true;
                message.Kind = KindOf(ref reader);
                break;
            case JsonTokenType.Null:
                // Like every other member, null means absent.
                hasType = false;
                break;
            default:
                reader.Skip();
                typeError ??= new Rejection(RejectionReason.InvalidField, "_type must be a string");
                break;
        }
    }

    /// <summary>The reader is on the <c>_type</c> string.</summary>
    private static OwnTracksMessageKind KindOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return KindOf(reader.ValueSpan);
        }

        // The longest type, "configuration", is 13 ASCII characters: at most 78 bytes escaped.
        if (reader.ValueSpan.Length > 78)
        {
            return OwnTracksMessageKind.Unknown;
        }

        Span<byte> value = stackalloc byte[78];
        return KindOf(value[..reader.CopyString(value)]);
    }

    private static OwnTracksMessageKind KindOf(ReadOnlySpan<byte> type) => type.Length switch
    {
        3 when type.SequenceEqual("lwt"u8) => OwnTracksMessageKind.Lwt,
        3 when type.SequenceEqual("cmd"u8) => OwnTracksMessageKind.Cmd,
        4 when type.SequenceEqual("card"u8) => OwnTracksMessageKind.Card,
        5 when type.SequenceEqual("steps"u8) => OwnTracksMessageKind.Steps,
        6 when type.SequenceEqual("beacon"u8) => OwnTracksMessageKind.Beacon,
        6 when type.SequenceEqual("status"u8) => OwnTracksMessageKind.Status,
        7 when type.SequenceEqual("request"u8) => OwnTracksMessageKind.Request,
        8 when type.SequenceEqual("location"u8) => OwnTracksMessageKind.Location,
        8 when type.SequenceEqual("waypoint"u8) => OwnTracksMessageKind.Waypoint,
        9 when type.SequenceEqual("waypoints"u8) => OwnTracksMessageKind.Waypoints,
        9 when type.SequenceEqual("encrypted"u8) => OwnTracksMessageKind.Encrypted,
        10 when type.SequenceEqual("transition"u8) => OwnTracksMessageKind.Transition,
        13 when type.SequenceEqual("configuration"u8) => OwnTracksMessageKind.Configuration,
        _ => OwnTracksMessageKind.Unknown,
    };

    /// <summary><c>tst</c>: the booklet's "integer/epoch", unix seconds.</summary>
    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, ref Rejection? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var seconds) && seconds is >= 0 and <= MaxUnixSeconds:
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                error ??= new Rejection(RejectionReason.InvalidField, "tst must be unix seconds, a whole number from 0");
                return null;
        }
    }
}
