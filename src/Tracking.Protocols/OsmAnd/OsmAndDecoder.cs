using System.Buffers;
using System.Globalization;
using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.OsmAnd;

/// <summary>
/// Decodes the OsmAnd protocol as Traccar defines it (traccar.org/osmand), which the OsmAnd app and Traccar Client send
/// over HTTP: the parameters of a query string or of an <c>application/x-www-form-urlencoded</c> body
/// (<see cref="DecodeQuery(ReadOnlySpan{char}, DateTimeOffset, OsmAndSpeedUnit, List{Fix}, List{Rejection}, out string?)"/>,
/// <see cref="DecodeForm(ReadOnlySpan{byte}, DateTimeOffset, OsmAndSpeedUnit, List{Fix}, List{Rejection}, out string?)"/>),
/// and the JSON body Traccar Client 9 and later posts (<see cref="DecodeJson"/>). Like Traccar, the caller passes the query
/// when it has parameters and the body otherwise. Every request carries at most one fix; the device id comes from the request
/// itself and is returned so the caller can look the device up. No HTTP types: the caller passes text or bytes.
/// <para>
/// Parameters (names are case-sensitive, as in Traccar; values are percent-decoded, <c>+</c> is a space; an empty value is as if
/// the parameter were absent; when a parameter repeats, the last value wins; every parameter not listed is ignored):
/// <c>id</c> or <c>deviceid</c> (required; <see cref="DeviceIds"/> rules) → <see cref="Fix.DeviceId"/>;
/// <c>lat</c>, <c>lon</c> (degrees), or <c>location=lat,lon</c> → <see cref="Fix.Latitude"/>, <see cref="Fix.Longitude"/>;
/// <c>timestamp</c> (required) → <see cref="Fix.DeviceTime"/>: digits below 100,000,000,000 are unix seconds, from there unix
/// milliseconds (10^11 s is the year 5138, 10^11 ms is March 1973, so no real time is ambiguous; Traccar's own cut at 2^31 agrees
/// for every time before 2038), otherwise ISO-8601 with <c>Z</c> or an offset;
/// <c>speed</c> → <see cref="Fix.Speed"/> in m/s from the caller's <see cref="OsmAndSpeedUnit"/>;
/// <c>bearing</c> or <c>heading</c> (degrees) → <see cref="Fix.Heading"/>; <c>altitude</c> (m) → <see cref="Fix.Altitude"/>;
/// <c>accuracy</c> (m) → <see cref="Fix.Accuracy"/>; <c>hdop</c> → <see cref="Fix.Hdop"/>; <c>batt</c> (percent) → <see cref="Fix.Battery"/>;
/// <c>alarm=sos</c> (Traccar Client's SOS shortcut) → <see cref="Fix.Emergency"/>; <c>valid=false</c> or <c>0</c> → refused as
/// <see cref="RejectionReason.NoFix"/>.
/// </para>
/// <para>
/// Refused rather than guessed: a request without <c>timestamp</c> (Traccar stamps it with the server's clock, but the OsmAnd app
/// buffers reports while offline and sends them later, so the arrival time can be far from the fix time), and a time without a zone
/// such as <c>2014-06-04 09:10:11</c> (Traccar reads it in the server's zone). An offset whose <c>+</c> was sent unencoded arrives as
/// a space (<c>...T13:00:00 01:00</c>) and is read as <c>+</c>, since a space cannot stand there otherwise.
/// </para>
/// Syntax only: ranges and clocks are checked by <see cref="FixValidator"/>. Pure and thread-safe.
/// </summary>
public static partial class OsmAndDecoder
{
    /// <summary>Longest accepted query string or form body, in characters (a full Traccar Client query is about 200).</summary>
    public const int MaxQueryLength = 4096;

    /// <summary>Longest parameter value, once decoded, that the decoder reads; a number, time or id is far shorter.</summary>
    private const int MaxValueLength = 128;

    /// <summary>Integer timestamps below this are unix seconds, from it unix milliseconds.</summary>
    private const long FirstUnixMilliseconds = 100_000_000_000;

    /// <summary>Largest unix millisecond value a <see cref="DateTimeOffset"/> holds (9999-12-31T23:59:59.999Z).</summary>
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    // ISO-8601 with seconds and an optional fraction, or without seconds; the zone itself is checked before parsing.
    private static readonly string[] IsoFormats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK",
        "yyyy'-'MM'-'dd'T'HH':'mmK",
    ];

    /// <summary>
    /// Decodes the parameters of a query string (with or without its leading <c>?</c>), query speed in <paramref name="speedUnit"/>.
    /// Appends one fix or one rejection; <paramref name="deviceId"/> is the request's well-formed device id, or null without one.
    /// </summary>
    public static void DecodeQuery(
        ReadOnlySpan<char> query, DateTimeOffset receivedAt, OsmAndSpeedUnit speedUnit,
        List<Fix> fixes, List<Rejection> rejections, out string? deviceId) =>
        DecodeParameters(query, receivedAt, speedUnit, null, fixes, rejections, out deviceId);

    /// <summary>
    /// As <see cref="DecodeQuery(ReadOnlySpan{char}, DateTimeOffset, OsmAndSpeedUnit, List{Fix}, List{Rejection}, out string?)"/>,
    /// with the speed unit looked up once the device id is known (the id is in the same query): <paramref name="speedUnitOf"/> is
    /// called at most once, with a well-formed id, and only when the request carries a speed.
    /// </summary>
    public static void DecodeQuery(
        ReadOnlySpan<char> query, DateTimeOffset receivedAt, Func<string, OsmAndSpeedUnit> speedUnitOf,
        List<Fix> fixes, List<Rejection> rejections, out string? deviceId)
    {
        ArgumentNullException.ThrowIfNull(speedUnitOf);
        DecodeParameters(query, receivedAt, OsmAndSpeedUnit.Knots, speedUnitOf, fixes, rejections, out deviceId);
    }

    /// <summary>Decodes an <c>application/x-www-form-urlencoded</c> body (ASCII, as the form encoding makes it); otherwise as the query.</summary>
    public static void DecodeForm(
        ReadOnlySpan<byte> body, DateTimeOffset receivedAt, OsmAndSpeedUnit speedUnit,
        List<Fix> fixes, List<Rejection> rejections, out string? deviceId) =>
        DecodeFormCore(body, receivedAt, speedUnit, null, fixes, rejections, out deviceId);

    /// <summary>Decodes a form body with the speed unit looked up by device id; see the query overload with <paramref name="speedUnitOf"/>.</summary>
    public static void DecodeForm(
        ReadOnlySpan<byte> body, DateTimeOffset receivedAt, Func<string, OsmAndSpeedUnit> speedUnitOf,
        List<Fix> fixes, List<Rejection> rejections, out string? deviceId)
    {
        ArgumentNullException.ThrowIfNull(speedUnitOf);
        DecodeFormCore(body, receivedAt, OsmAndSpeedUnit.Knots, speedUnitOf, fixes, rejections, out deviceId);
    }

    private static void DecodeFormCore(
        ReadOnlySpan<byte> body, DateTimeOffset receivedAt, OsmAndSpeedUnit speedUnit, Func<string, OsmAndSpeedUnit>? speedUnitOf,
        List<Fix> fixes, List<Rejection> rejections, out string? deviceId)
    {
        if (body.Length > MaxQueryLength)
        {
            ArgumentNullException.ThrowIfNull(fixes);
            ArgumentNullException.ThrowIfNull(rejections);
            deviceId = null;
            rejections.Add(new Rejection(RejectionReason.PayloadTooLarge, "query or form body is longer than 4096 characters"));
            return;
        }

        // Widen byte for byte: the parameters we read are ASCII, and any other byte only makes a value invalid.
        char[]? rented = null;
        var chars = body.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(body.Length));
        try
        {
            var count = Encoding.Latin1.GetChars(body, chars);
            DecodeParameters(chars[..count], receivedAt, speedUnit, speedUnitOf, fixes, rejections, out deviceId);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private enum Parameter
    {
        Unknown,
        Id,
        Latitude,
        Longitude,
        Location,
        Time,
        Speed,
        Heading,
        Altitude,
        Accuracy,
        Hdop,
        Battery,
        Valid,
        Alarm,
    }

    /// <summary>What one request said, and the first problem with it.</summary>
    private struct Report
    {
        public string? Id;
        public bool IdIsMalformed;
        public DateTimeOffset? Time;
        public double? Latitude, Longitude, Speed, Heading, Altitude, Accuracy, Hdop, Battery;
        public bool? Valid;
        public bool Sos;
        public Rejection? Error;
    }

    private static void DecodeParameters(
        ReadOnlySpan<char> query, DateTimeOffset receivedAt, OsmAndSpeedUnit speedUnit, Func<string, OsmAndSpeedUnit>? speedUnitOf,
        List<Fix> fixes, List<Rejection> rejections, out string? deviceId)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rejections);
        deviceId = null;
        if (query.Length > MaxQueryLength)
        {
            rejections.Add(new Rejection(RejectionReason.PayloadTooLarge, "query or form body is longer than 4096 characters"));
            return;
        }

        if (query.StartsWith('?'))
        {
            query = query[1..];
        }

        var report = default(Report);
        Span<char> scratch = stackalloc char[MaxValueLength];
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var parameter = Identify(equals < 0 ? pair : pair[..equals]);
            if (parameter == Parameter.Unknown)
            {
                continue;
            }

            ReadOnlySpan<char> raw = equals < 0 ? default : pair[(equals + 1)..];
            if (!TryPercentDecode(raw, scratch, out var length))
            {
                report.Error ??= new Rejection(RejectionReason.InvalidField, NameOf(parameter) + " is not valid percent-encoding or is longer than 128 characters");
                continue;
            }

            if (length > 0)
            {
                Read(parameter, scratch[..length], ref report);
            }
        }

        if (report.Id is null)
        {
            rejections.Add(report.IdIsMalformed
                ? new Rejection(RejectionReason.BadDeviceId, "id must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'")
                : new Rejection(RejectionReason.MissingField, "id (or deviceid) is required"));
            return;
        }

        deviceId = report.Id;
        if (report.Error is { } invalid)
        {
            rejections.Add(invalid);
        }
        else if (report.Valid == false)
        {
            rejections.Add(new Rejection(RejectionReason.NoFix, "valid is false: the device says the position is not valid"));
        }
        else if (report.Time is not { } time)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "timestamp is required"));
        }
        else if (report.Latitude is not { } latitude)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "lat (or location) is required"));
        }
        else if (report.Longitude is not { } longitude)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "lon (or location) is required"));
        }
        else
        {
            fixes.Add(new Fix
            {
                DeviceId = report.Id,
                DeviceTime = time,
                Latitude = latitude,
                Longitude = longitude,
                Speed = report.Speed is { } speed ? (speedUnitOf?.Invoke(report.Id) ?? speedUnit).ToMetresPerSecond(speed) : null,
                Heading = report.Heading,
                Accuracy = report.Accuracy,
                Altitude = report.Altitude,
                Hdop = report.Hdop,
                Battery = report.Battery,
                Emergency = report.Sos,
                Source = FixSource.OsmAnd,
                ReceivedAt = receivedAt,
            });
        }
    }

    private static void Read(Parameter parameter, Span<char> value, ref Report report)
    {
        switch (parameter)
        {
            case Parameter.Id:
                report.IdIsMalformed = !DeviceIds.IsValid(value);
                report.Id = report.IdIsMalformed ? null : value.ToString();
                break;
            case Parameter.Latitude:
                report.Latitude = ReadNumber(value, ref report.Error, "lat must be a number");
                break;
            case Parameter.Longitude:
                report.Longitude = ReadNumber(value, ref report.Error, "lon must be a number");
                break;
            case Parameter.Location:
                ReadLocation(value, ref report);
                break;
            case Parameter.Time:
                report.Time = ReadTime(value, ref report.Error);
                break;
            case Parameter.Speed:
                report.Speed = ReadNumber(value, ref report.Error, "speed must be a number");
                break;
            case Parameter.Heading:
                report.Heading = ReadNumber(value, ref report.Error, "bearing (or heading) must be a number");
                break;
            case Parameter.Altitude:
                report.Altitude = ReadNumber(value, ref report.Error, "altitude must be a number");
                break;
            case Parameter.Accuracy:
                report.Accuracy = ReadNumber(value, ref report.Error, "accuracy must be a number");
                break;
            case Parameter.Hdop:
                report.Hdop = ReadNumber(value, ref report.Error, "hdop must be a number");
                break;
            case Parameter.Battery:
                report.Battery = ReadNumber(value, ref report.Error, "batt must be a number");
                break;
            case Parameter.Valid:
                ReadValid(value, ref report);
                break;
            case Parameter.Alarm:
                // Traccar Client's SOS shortcut sends alarm=sos; other alarms are not an emergency.
                report.Sos = value.SequenceEqual("sos");
                break;
            default:
                break;
        }
    }

    /// <summary>The parameter a (possibly percent-encoded) name stands for.</summary>
    private static Parameter Identify(ReadOnlySpan<char> rawName)
    {
        // The longest name, "timestamp", is 9 characters; encoded at most 27.
        if (rawName.Length > 27)
        {
            return Parameter.Unknown;
        }

        if (!rawName.ContainsAny('%', '+'))
        {
            return ParameterNamed(rawName);
        }

        Span<char> name = stackalloc char[27];
        return TryPercentDecode(rawName, name, out var length) ? ParameterNamed(name[..length]) : Parameter.Unknown;
    }

    private static Parameter ParameterNamed(ReadOnlySpan<char> name) =>
        name switch
        {
            "id" or "deviceid" => Parameter.Id,
            "lat" => Parameter.Latitude,
            "lon" => Parameter.Longitude,
            "location" => Parameter.Location,
            "timestamp" => Parameter.Time,
            "speed" => Parameter.Speed,
            "bearing" or "heading" => Parameter.Heading,
            "altitude" => Parameter.Altitude,
            "accuracy" => Parameter.Accuracy,
            "hdop" => Parameter.Hdop,
            "batt" => Parameter.Battery,
            "valid" => Parameter.Valid,
            "alarm" => Parameter.Alarm,
            _ => Parameter.Unknown,
        };

    private static string NameOf(Parameter parameter) => parameter switch
    {
        Parameter.Id => "id",
        Parameter.Latitude => "lat",
        Parameter.Longitude => "lon",
        Parameter.Location => "location",
        Parameter.Time => "timestamp",
        Parameter.Speed => "speed",
        Parameter.Heading => "bearing",
        Parameter.Altitude => "altitude",
        Parameter.Accuracy => "accuracy",
        Parameter.Hdop => "hdop",
        Parameter.Battery => "batt",
        Parameter.Valid => "valid",
        Parameter.Alarm => "alarm",
        _ => "parameter",
    };

    /// <summary>
    /// Decodes <c>%XX</c> and <c>+</c> (form encoding) into <paramref name="destination"/>, one char per byte. False for a
    /// <c>%</c> not followed by two hex digits, or a value longer than <paramref name="destination"/>.
    /// </summary>
    private static bool TryPercentDecode(ReadOnlySpan<char> raw, Span<char> destination, out int written)
    {
        written = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (written == destination.Length)
            {
                return false;
            }

            var c = raw[i];
            if (c == '+')
            {
                c = ' ';
            }
            else if (c == '%')
            {
                if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
                {
                    return false;
                }

                c = (char)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                i += 2;
            }

            destination[written++] = c;
        }

        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static double? ReadNumber(ReadOnlySpan<char> value, ref Rejection? error, string detail)
    {
        if (double.TryParse(value, DecimalStyle, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        error ??= new Rejection(RejectionReason.InvalidField, detail);
        return null;
    }

    /// <summary><c>location=lat,lon</c>, which Traccar reads as both coordinates.</summary>
    private static void ReadLocation(ReadOnlySpan<char> value, ref Report report)
    {
        var comma = value.IndexOf(',');
        if (comma > 0
            && double.TryParse(value[..comma], DecimalStyle, CultureInfo.InvariantCulture, out var latitude) && double.IsFinite(latitude)
            && double.TryParse(value[(comma + 1)..], DecimalStyle, CultureInfo.InvariantCulture, out var longitude) && double.IsFinite(longitude))
        {
            report.Latitude = latitude;
            report.Longitude = longitude;
            return;
        }

        report.Error ??= new Rejection(RejectionReason.InvalidField, "location must be latitude,longitude in degrees");
    }

    private static void ReadValid(ReadOnlySpan<char> value, ref Report report)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.SequenceEqual("1"))
        {
            report.Valid = true;
        }
        else if (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.SequenceEqual("0"))
        {
            report.Valid = false;
        }
        else
        {
            report.Error ??= new Rejection(RejectionReason.InvalidField, "valid must be true, false, 1 or 0");
        }
    }

    private static DateTimeOffset? ReadTime(Span<char> value, ref Rejection? error)
    {
        if (!value.ContainsAnyExceptInRange('0', '9'))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                if (number < FirstUnixMilliseconds)
                {
                    return DateTimeOffset.FromUnixTimeSeconds(number);
                }

                if (number <= MaxUnixMilliseconds)
                {
                    return DateTimeOffset.FromUnixTimeMilliseconds(number);
                }
            }
        }
        else
        {
            // "2024-03-01T13:00:00+01:00" sent with its '+' unencoded arrives as "2024-03-01T13:00:00 01:00".
            if (value.Length > 6 && value[^6] == ' ' && value[^3] == ':')
            {
                value[^6] = '+';
            }

            if (HasExplicitOffset(value)
                && DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time.ToUniversalTime();
            }
        }

        error ??= new Rejection(RejectionReason.InvalidField, "timestamp must be unix seconds, unix milliseconds or ISO-8601 with Z or an offset");
        return null;
    }

    /// <summary>A time without "Z" or "±hh:mm" would be read in some zone of our choosing: refuse it rather than guess.</summary>
    private static bool HasExplicitOffset(ReadOnlySpan<char> text) =>
        text.Length > 6 && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'));
}
