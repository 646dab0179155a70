using System.Text.Json;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.OsmAnd;

/// <summary>
/// The JSON body of Traccar Client 9 and later (traccar.org/osmand, "JSON format"): the background-geolocation SDK's location record
/// rendered by the app's template, <c>{"location":{"timestamp":ISO-8601,"coords":{"latitude","longitude","accuracy","speed","heading",
/// "altitude"},"is_moving","odometer","event","battery":{"level":0..1,"is_charging"},"activity":{"type"},"extras":{},"_":…},
/// "device_id":"…"}</c>.
/// <para>
/// Mapping: <c>device_id</c> (required) → <see cref="Fix.DeviceId"/>; <c>location.timestamp</c> (required, ISO-8601 with <c>Z</c> or an
/// offset) → <see cref="Fix.DeviceTime"/>; <c>coords.latitude</c>, <c>coords.longitude</c> (required, degrees);
/// <c>coords.accuracy</c> (m), <c>coords.speed</c> (m/s, no conversion), <c>coords.heading</c> (degrees), <c>coords.altitude</c> (m);
/// <c>battery.level</c> (a fraction, 0 to 1) × 100 → <see cref="Fix.Battery"/> in percent, to 0.01 %;
/// <c>location.alarm</c> or <c>location.extras.alarm</c> equal to <c>sos</c> (the app's SOS shortcut adds <c>extras: {alarm: sos}</c>,
/// which SDK versions merge into the rendered record or leave under <c>extras</c>) → <see cref="Fix.Emergency"/>.
/// The SDK reports an unknown speed, heading, accuracy or battery level as -1 (Traccar's test capture from an iOS simulator has all
/// three at -1), so a negative value there is read as absent; a negative altitude is kept. Everything else (<c>is_moving</c>,
/// <c>odometer</c>, <c>event</c>, <c>activity</c>, <c>uuid</c>, <c>mock</c>, the <c>_</c> query-string copy…) is ignored.
/// A <c>location</c> array (the SDK's <c>batchSync</c>, which Traccar Client does not use) is refused as unsupported.
/// </para>
/// </summary>
public static partial class OsmAndDecoder
{
    /// <summary>Largest accepted JSON body. A Traccar Client record is about 500 bytes; the rest is room for <c>extras</c>.</summary>
    public const int MaxJsonBytes = 16_384;

    // A record is three levels deep; the bound leaves room for nested extras and limits a hostile payload's work.
    private static readonly JsonReaderOptions JsonOptions = new() { MaxDepth = 16 };

    /// <summary>What one JSON record said, and the first problem with it.</summary>
    private struct Record
    {
        public string? Id;
        public Rejection? IdError;
        public bool HasLocation, LocationIsArray;
        public bool HasCoords;
        public DateTimeOffset? Time;
        public double? Latitude, Longitude, Accuracy, Speed, Heading, Altitude, BatteryLevel;
        public bool Sos;
        public Rejection? Error;
    }

    /// <summary>
    /// Decodes one JSON body. Appends one fix or one rejection; <paramref name="deviceId"/> is the body's well-formed
    /// <c>device_id</c>, or null without one.
    /// </summary>
    public static void DecodeJson(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, List<Fix> fixes, List<Rejection> rejections, out string? deviceId)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rejections);
        deviceId = null;
        if (body.Length > MaxJsonBytes)
        {
            rejections.Add(new Rejection(RejectionReason.PayloadTooLarge, "JSON body is larger than 16384 bytes"));
            return;
        }

        var record = default(Record);
        if (ReadRecord(body, ref record) is { } malformed)
        {
            rejections.Add(malformed);
            return;
        }

        if (record.IdError is { } badId)
        {
            rejections.Add(badId);
            return;
        }

        if (record.Id is null)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "device_id is required"));
            return;
        }

        deviceId = record.Id;
        var battery = KnownOrNull(record.BatteryLevel) is { } level ? Math.Round(level * 100, 2) : (double?)null;
        if (record.LocationIsArray)
        {
            rejections.Add(new Rejection(RejectionReason.UnsupportedMessage, "location is an array (the SDK's batchSync); send one location per request"));
        }
        else if (record.Error is { } invalid)
        {
            rejections.Add(invalid);
        }
        else if (!record.HasLocation)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "location is required"));
        }
        else if (record.Time is not { } time)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "location.timestamp is required"));
        }
        else if (!record.HasCoords)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "location.coords is required"));
        }
        else if (record.Latitude is not { } latitude)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "location.coords.latitude is required"));
        }
        else if (record.Longitude is not { } longitude)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "location.coords.longitude is required"));
        }
        else if (battery is { } percent && !double.IsFinite(percent))
        {
            // A level beyond about 10^306 has no percentage a double holds; no phone is that charged.
            rejections.Add(new Rejection(RejectionReason.InvalidField, "location.battery.level must be a fraction from 0 to 1"));
        }
        else
        {
            fixes.Add(new Fix
            {
                DeviceId = record.Id,
                DeviceTime = time,
                Latitude = latitude,
                Longitude = longitude,
                Speed = KnownOrNull(record.Speed),
                Heading = KnownOrNull(record.Heading),
                Accuracy = KnownOrNull(record.Accuracy),
                Altitude = record.Altitude,
                Battery = battery,
                Emergency = record.Sos,
                Source = FixSource.OsmAnd,
                ReceivedAt = receivedAt,
            });
        }
    }

    /// <summary>The SDK's -1 (and any other negative) for "unknown" is absent.</summary>
    private static double? KnownOrNull(double? value) => value is >= 0 ? value : null;

    /// <summary>Reads the body; returns the rejection for a body that is not one well-formed JSON object.</summary>
    private static Rejection? ReadRecord(ReadOnlySpan<byte> body, ref Record record)
    {
        try
        {
            var reader = new Utf8JsonReader(body, JsonOptions);
            if (!reader.Read())
            {
                return new Rejection(RejectionReason.MalformedJson, "body is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new Rejection(RejectionReason.MalformedJson, "body must be a JSON object with location and device_id");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonNameOf(ref reader);
                reader.Read();
                if (name == JsonName.DeviceId)
                {
                    ReadDeviceId(ref reader, ref record);
                }
                else if (name == JsonName.Location)
                {
                    ReadLocation(ref reader, ref record);
                }
                else
                {
                    reader.Skip();
                }
            }

            // Trailing content after the object ("{...} x") is malformed too; Read throws on it.
            if (reader.Read())
            {
                return new Rejection(RejectionReason.MalformedJson, "unexpected content after the JSON object");
            }

            return null;
        }
        catch (JsonException)
        {
            return new Rejection(RejectionReason.MalformedJson, "body is not well-formed JSON");
        }
        catch (InvalidOperationException)
        {
            // The reader checks a string's escapes only when it unescapes it, and reports a lone surrogate ("\ud800")
            // or invalid UTF-8 there with this exception rather than JsonException.
            return new Rejection(RejectionReason.MalformedJson, "body holds a string with invalid UTF-8 or a lone surrogate escape");
        }
    }

    /// <summary>The member names the decoder reads, at whatever level.</summary>
    private enum JsonName
    {
        Other,
        DeviceId,
        Location,
        Timestamp,
        Coords,
        Battery,
        Alarm,
        Extras,
        Latitude,
        Longitude,
        Accuracy,
        Speed,
        Heading,
        Altitude,
        Level,
    }

    /// <summary>The reader is on a property name.</summary>
    private static JsonName JsonNameOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return JsonNameOf(reader.ValueSpan);
        }

        // An escaped name ("\u006cocation") is legal JSON. Our longest name is 9 ASCII characters, at most 6 bytes each escaped.
        if (reader.ValueSpan.Length > 54)
        {
            return JsonName.Other;
        }

        Span<byte> name = stackalloc byte[54];
        return JsonNameOf(name[..reader.CopyString(name)]);
    }

    private static JsonName JsonNameOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        5 when name.SequenceEqual("speed"u8) => JsonName.Speed,
        5 when name.SequenceEqual("level"u8) => JsonName.Level,
        5 when name.SequenceEqual("alarm"u8) => JsonName.Alarm,
        6 when name.SequenceEqual("coords"u8) => JsonName.Coords,
        6 when name.SequenceEqual("extras"u8) => JsonName.Extras,
        7 when name.SequenceEqual("battery"u8) => JsonName.Battery,
        7 when name.SequenceEqual("heading"u8) => JsonName.Heading,
        8 when name.SequenceEqual("location"u8) => JsonName.Location,
        8 when name.SequenceEqual("latitude"u8) => JsonName.Latitude,
        8 when name.SequenceEqual("accuracy"u8) => JsonName.Accuracy,
        8 when name.SequenceEqual("altitude"u8) => JsonName.Altitude,
        9 when name.SequenceEqual("device_id"u8) => JsonName.DeviceId,
        9 when name.SequenceEqual("timestamp"u8) => JsonName.Timestamp,
        9 when name.SequenceEqual("longitude"u8) => JsonName.Longitude,
        _ => JsonName.Other,
    };

    private static void ReadDeviceId(ref Utf8JsonReader reader, ref Record record)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                // An id is at most 64 ASCII characters, at most 6 bytes each escaped: longer text cannot be one, so is not copied.
                var id = reader.ValueSpan.Length <= DeviceIds.MaxLength * 6 ? reader.GetString() : null;
                if (id is not null && DeviceIds.IsValid(id))
                {
                    record.Id = id;
                    record.IdError = null;
                }
                else
                {
                    record.Id = null;
                    record.IdError = new Rejection(RejectionReason.BadDeviceId, "device_id must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'");
                }

                break;
            case JsonTokenType.Null:
                record.Id = null;
                break;
            default:
                reader.Skip();
                record.Id = null;
                record.IdError = new Rejection(RejectionReason.InvalidField, "device_id must be a string");
                break;
        }
    }

    private static void ReadLocation(ref Utf8JsonReader reader, ref Record record)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                record.HasLocation = true;
                break;
            case JsonTokenType.StartArray:
                reader.Skip();
                record.LocationIsArray = true;
                return;
            case JsonTokenType.Null:
                return;
            default:
                reader.Skip();
                record.Error ??= new Rejection(RejectionReason.InvalidField, "location must be an object");
                return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonNameOf(ref reader);
            reader.Read();
            if (name == JsonName.Timestamp)
            {
                record.Time = ReadIsoTime(ref reader, ref record.Error);
            }
            else if (name == JsonName.Coords)
            {
                ReadCoords(ref reader, ref record);
            }
            else if (name == JsonName.Battery)
            {
                ReadBattery(ref reader, ref record);
            }
            else if (name == JsonName.Alarm)
            {
                record.Sos |= IsSos(ref reader);
            }
            else if (name == JsonName.Extras && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadExtras(ref reader, ref record);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadCoords(ref Utf8JsonReader reader, ref Record record)
    {
        if (!EnterObject(ref reader, ref record.Error, "location.coords must be an object"))
        {
            return;
        }

        record.HasCoords = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonNameOf(ref reader);
            reader.Read();
            if (name == JsonName.Latitude)
            {
                record.Latitude = JsonValues.ReadNumber(ref reader, ref record.Error, "location.coords.latitude must be a number");
            }
            else if (name == JsonName.Longitude)
            {
                record.Longitude = JsonValues.ReadNumber(ref reader, ref record.Error, "location.coords.longitude must be a number");
            }
            else if (name == JsonName.Accuracy)
            {
                record.Accuracy = JsonValues.ReadNumber(ref reader, ref record.Error, "location.coords.accuracy must be a number");
            }
            else if (name == JsonName.Speed)
            {
                record.Speed = JsonValues.ReadNumber(ref reader, ref record.Error, "location.coords.speed must be a number");
            }
            else if (name == JsonName.Heading)
            {
                record.Heading = JsonValues.ReadNumber(ref reader, ref record.Error, "location.coords.heading must be a number");
            }
            else if (name == JsonName.Altitude)
            {
                record.Altitude = JsonValues.ReadNumber(ref reader, ref record.Error, "location.coords.altitude must be a number");
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadBattery(ref Utf8JsonReader reader, ref Record record)
    {
        if (!EnterObject(ref reader, ref record.Error, "location.battery must be an object"))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonNameOf(ref reader);
            reader.Read();
            if (name == JsonName.Level)
            {
                record.BatteryLevel = JsonValues.ReadNumber(ref reader, ref record.Error, "location.battery.level must be a number");
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary><c>extras</c> holds whatever the app attached; only <c>alarm</c> means something here.</summary>
    private static void ReadExtras(ref Utf8JsonReader reader, ref Record record)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = JsonNameOf(ref reader);
            reader.Read();
            if (name == JsonName.Alarm)
            {
                record.Sos |= IsSos(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>True when the reader is on an object (then inside it); null is absent; any other value is skipped and an error.</summary>
    private static bool EnterObject(ref Utf8JsonReader reader, ref Rejection? error, string detail)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return true;
            case JsonTokenType.Null:
                return false;
            default:
                reader.Skip();
                error ??= new Rejection(RejectionReason.InvalidField, detail);
                return false;
        }
    }

    private static bool IsSos(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueTextEquals("sos"u8);
        }

        reader.Skip();
        return false;
    }

    private static DateTimeOffset? ReadIsoTime(ref Utf8JsonReader reader, ref Rejection? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when JsonValues.HasExplicitOffset(ref reader) && reader.TryGetDateTimeOffset(out var time):
                return time.ToUniversalTime();
            default:
                reader.Skip();
                error ??= new Rejection(RejectionReason.InvalidField, "location.timestamp must be ISO-8601 with Z or an offset");
                return null;
        }
    }
}
