using System.Text.Json;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.Native;

/// <summary>
/// Decodes the native protocol: UTF-8 JSON, one object
/// <c>{"t": ISO-8601 UTC or unix ms, "lat": deg, "lon": deg, "spd": m/s, "hdg": deg, "acc": m, "alt": m}</c>
/// or an array of them (a device that buffered fixes while out of coverage). spd, hdg, acc and alt are optional;
/// unknown members are ignored so devices can add fields without breaking.
/// Syntax only: ranges and clocks are checked by <see cref="FixValidator"/>. Pure and thread-safe.
/// </summary>
public static class NativeFixDecoder
{
    /// <summary>Largest accepted payload (<see cref="DeviceMessages.MaxPayloadBytes"/>).</summary>
    public const int MaxPayloadBytes = DeviceMessages.MaxPayloadBytes;

    // A fix is flat; the depth allows a batch array plus unknown members nested a few levels, and bounds the work of a hostile payload.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    /// <summary>
    /// Decodes one message. Each good fix is appended to <paramref name="fixes"/>, each refused one to
    /// <paramref name="rejections"/>; a payload that is too large or not well-formed JSON is refused whole,
    /// and nothing of it is appended to <paramref name="fixes"/>.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rejections);
        if (payload.Length > MaxPayloadBytes)
        {
            rejections.Add(new Rejection(RejectionReason.PayloadTooLarge, "payload is larger than 4096 bytes"));
            return;
        }

        var firstFix = fixes.Count;
        var firstRejection = rejections.Count;
        try
        {
            var reader = new Utf8JsonReader(payload, ReaderOptions);
            if (!reader.Read())
            {
                rejections.Add(new Rejection(RejectionReason.MalformedJson, "payload is empty"));
                return;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadFix(ref reader, context, fixes, rejections);
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                var count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        Fail(fixes, firstFix, rejections, firstRejection, "array elements must be fix objects");
                        return;
                    }

                    ReadFix(ref reader, context, fixes, rejections);
                    count++;
                }

                if (count == 0)
                {
                    rejections.Add(new Rejection(RejectionReason.MissingField, "array holds no fixes"));
                }
            }
            else
            {
                rejections.Add(new Rejection(RejectionReason.MalformedJson, "payload must be a JSON object or an array of objects"));
                return;
            }

            // Trailing content after the value ("{...} x") is malformed too; Read throws on it.
            if (reader.Read())
            {
                Fail(fixes, firstFix, rejections, firstRejection, "unexpected content after the JSON value");
            }
        }
        catch (JsonException)
        {
            Fail(fixes, firstFix, rejections, firstRejection, "payload is not well-formed JSON");
        }
        catch (InvalidOperationException)
        {
            // The reader checks a string's escapes and UTF-8 only when it unescapes it (an escaped member name or t),
            // and reports a lone surrogate ("\ud800") or invalid UTF-8 there with this exception, not JsonException.
            Fail(fixes, firstFix, rejections, firstRejection, "payload holds a string with invalid UTF-8 or a lone surrogate escape");
        }
    }

    private static void Fail(List<Fix> fixes, int firstFix, List<Rejection> rejections, int firstRejection, string detail)
    {
        fixes.RemoveRange(firstFix, fixes.Count - firstFix);
        rejections.RemoveRange(firstRejection, rejections.Count - firstRejection);
        rejections.Add(new Rejection(RejectionReason.MalformedJson, detail));
    }

    /// <summary>Reads one object; the reader is on its StartObject and is left on its EndObject.</summary>
    private static void ReadFix(ref Utf8JsonReader reader, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        DateTimeOffset? time = null;
        double? lat = null, lon = null, spd = null, hdg = null, acc = null, alt = null;
        Rejection? error = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Time:
                    time = ReadTime(ref reader, ref error);
                    break;
                case Field.Latitude:
                    lat = JsonValues.ReadNumber(ref reader, ref error, "lat must be a number");
                    break;
                case Field.Longitude:
                    lon = JsonValues.ReadNumber(ref reader, ref error, "lon must be a number");
                    break;
                case Field.Speed:
                    spd = JsonValues.ReadNumber(ref reader, ref error, "spd must be a number");
                    break;
                case Field.Heading:
                    hdg = JsonValues.ReadNumber(ref reader, ref error, "hdg must be a number");
                    break;
                case Field.Accuracy:
                    acc = JsonValues.ReadNumber(ref reader, ref error, "acc must be a number");
                    break;
                case Field.Altitude:
                    alt = JsonValues.ReadNumber(ref reader, ref error, "alt must be a number");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (error is { } refused)
        {
            rejections.Add(refused);
        }
        else if (time is null)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "t is required"));
        }
        else if (lat is null)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "lat is required"));
        }
        else if (lon is null)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "lon is required"));
        }
        else
        {
            fixes.Add(new Fix
            {
                DeviceId = context.DeviceId,
                DeviceTime = time.Value,
                Latitude = lat.Value,
                Longitude = lon.Value,
                Speed = spd,
                Heading = hdg,
                Accuracy = acc,
                Altitude = alt,
                Source = FixSource.Native,
                ReceivedAt = context.ReceivedAt,
            });
        }
    }

    private enum Field
    {
        Unknown,
        Time,
        Latitude,
        Longitude,
        Speed,
        Heading,
        Accuracy,
        Altitude,
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        // Names are short ASCII; an escaped name ("\u006cat") is legal JSON, so fall back to the unescaping comparison.
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.ValueTextEquals("t"u8) ? Field.Time
                : reader.ValueTextEquals("lat"u8) ? Field.Latitude
                : reader.ValueTextEquals("lon"u8) ? Field.Longitude
                : reader.ValueTextEquals("spd"u8) ? Field.Speed
                : reader.ValueTextEquals("hdg"u8) ? Field.Heading
                : reader.ValueTextEquals("acc"u8) ? Field.Accuracy
                : reader.ValueTextEquals("alt"u8) ? Field.Altitude
                : Field.Unknown;
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            1 when name[0] == (byte)'t' => Field.Time,
            3 when name.SequenceEqual("lat"u8) => Field.Latitude,
            3 when name.SequenceEqual("lon"u8) => Field.Longitude,
            3 when name.SequenceEqual("spd"u8) => Field.Speed,
            3 when name.SequenceEqual("hdg"u8) => Field.Heading,
            3 when name.SequenceEqual("acc"u8) => Field.Accuracy,
            3 when name.SequenceEqual("alt"u8) => Field.Altitude,
            _ => Field.Unknown,
        };
    }

    /// <summary>Largest unix millisecond value a <see cref="DateTimeOffset"/> holds (9999-12-31T23:59:59.999Z).</summary>
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, ref Rejection? error)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            // Like the optional fields, null means absent; the caller then reports t as missing.
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var ms) && ms is >= 0 and <= MaxUnixMilliseconds)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }
        else if (reader.TokenType == JsonTokenType.String && JsonValues.HasExplicitOffset(ref reader) && reader.TryGetDateTimeOffset(out var time))
        {
            return time.ToUniversalTime();
        }
        else
        {
            reader.Skip();
        }

        error ??= new Rejection(RejectionReason.InvalidField, "t must be an ISO-8601 time with Z or an offset, or unix milliseconds");
        return null;
    }
}
