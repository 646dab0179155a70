using System.Buffers;
using System.Text.Json;
using MessagePack;
using Tracking.Core.Dispatch;

namespace Tracking.Server.LiveMap;

/// <summary>
/// Writes one <see cref="UnitMarker"/>, or its move entry (its id and where it is), as JSON and as MessagePack, field
/// by field: a tick serializes every marker that changed (10,000 at 10,000 units), and a general-purpose serializer's
/// fixed cost per call was most of the tick. The JSON is what <see cref="JsonSerializer"/> with the API's options
/// writes for the record (camelCase names in declaration order, enums as camelCase strings, nulls written, the same
/// number and time formats: the tests hold it to that); the MessagePack is the same map, with numbers as float64 and
/// the time as the same text. Thread-safe: each thread uses its own buffers.
/// </summary>
internal static class MarkerWriter
{
    private static readonly JsonEncodedText[] Kinds = Names<MarkerKind>();
    private static readonly JsonEncodedText[] Types = Names<UnitType>();
    private static readonly JsonEncodedText[] Statuses = Names<UnitStatus>();

    private static readonly JsonEncodedText JsonId = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText JsonKind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText JsonCallSign = JsonEncodedText.Encode("callSign");
    private static readonly JsonEncodedText JsonType = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText JsonStatus = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText JsonIncident = JsonEncodedText.Encode("incident");
    private static readonly JsonEncodedText JsonOnDuty = JsonEncodedText.Encode("onDuty");
    private static readonly JsonEncodedText JsonTeam = JsonEncodedText.Encode("team");
    private static readonly JsonEncodedText JsonStation = JsonEncodedText.Encode("station");
    private static readonly JsonEncodedText JsonLongitude = JsonEncodedText.Encode("longitude");
    private static readonly JsonEncodedText JsonLatitude = JsonEncodedText.Encode("latitude");
    private static readonly JsonEncodedText JsonHeading = JsonEncodedText.Encode("heading");
    private static readonly JsonEncodedText JsonSpeed = JsonEncodedText.Encode("speed");
    private static readonly JsonEncodedText JsonTime = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText JsonDevice = JsonEncodedText.Encode("device");

    // MessagePack keys, encoded once.
    private static readonly byte[] PackId = Key("id");
    private static readonly byte[] PackKind = Key("kind");
    private static readonly byte[] PackCallSign = Key("callSign");
    private static readonly byte[] PackType = Key("type");
    private static readonly byte[] PackStatus = Key("status");
    private static readonly byte[] PackIncident = Key("incident");
    private static readonly byte[] PackOnDuty = Key("onDuty");
    private static readonly byte[] PackTeam = Key("team");
    private static readonly byte[] PackStation = Key("station");
    private static readonly byte[] PackLongitude = Key("longitude");
    private static readonly byte[] PackLatitude = Key("latitude");
    private static readonly byte[] PackHeading = Key("heading");
    private static readonly byte[] PackSpeed = Key("speed");
    private static readonly byte[] PackTime = Key("time");
    private static readonly byte[] PackDevice = Key("device");

    [ThreadStatic]
    private static Buffers? _buffers;

    public static byte[] Json(UnitMarker marker) => WriteJson(marker, WriteFields);

    /// <summary>
    /// The marker's move entry: <c>{"id", "longitude", "latitude", "heading", "speed", "time"}</c>, in the same number
    /// and time formats as the whole marker, for a client that already holds every other field of it.
    /// </summary>
    public static byte[] MoveJson(UnitMarker marker) => WriteJson(marker, WritePlace);

    public static byte[] MessagePack(UnitMarker marker) => WriteMessagePack(marker, 15, WriteFields);

    /// <summary>The move entry (<see cref="MoveJson"/>) as the same MessagePack map.</summary>
    public static byte[] MoveMessagePack(UnitMarker marker) => WriteMessagePack(marker, 6, WritePlace);

    /// <summary>An object of the marker's id and what <paramref name="writeRest"/> writes, in this thread's buffers.</summary>
    private static byte[] WriteJson(UnitMarker marker, Action<Utf8JsonWriter, UnitMarker> writeRest)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var buffers = _buffers ??= new Buffers();
        buffers.Output.ResetWrittenCount();
        var json = buffers.Json;
        json.Reset(buffers.Output);
        json.WriteStartObject();
        json.WriteString(JsonId, marker.Id);
        writeRest(json, marker);
        json.WriteEndObject();
        json.Flush();
        return buffers.Output.WrittenSpan.ToArray();
    }

    /// <summary>A map of <paramref name="fields"/> entries: the marker's id, then what <paramref name="writeRest"/> writes.</summary>
    private static byte[] WriteMessagePack(UnitMarker marker, int fields, PackFields writeRest)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var buffers = _buffers ??= new Buffers();
        buffers.Output.ResetWrittenCount();
        var writer = new MessagePackWriter(buffers.Output);
        writer.WriteMapHeader(fields);
        writer.WriteRaw(PackId);
        writer.Write(marker.Id);
        writeRest(ref writer, buffers, marker);
        writer.Flush();
        return buffers.Output.WrittenSpan.ToArray();
    }

    /// <summary>Every field of the whole marker after its id.</summary>
    private static void WriteFields(Utf8JsonWriter json, UnitMarker marker)
    {
        json.WriteString(JsonKind, Kinds[(int)marker.Kind]);
        json.WriteString(JsonCallSign, marker.CallSign);
        WriteName(json, JsonType, Types, marker.Type is { } type ? (int)type : null);
        WriteName(json, JsonStatus, Statuses, marker.Status is { } status ? (int)status : null);
        WriteText(json, JsonIncident, marker.Incident);
        json.WriteBoolean(JsonOnDuty, marker.OnDuty);
        WriteText(json, JsonTeam, marker.Team);
        WriteText(json, JsonStation, marker.Station);
        WritePlace(json, marker);
        WriteText(json, JsonDevice, marker.Device);
    }

    private static void WriteFields(ref MessagePackWriter writer, Buffers buffers, UnitMarker marker)
    {
        writer.WriteRaw(PackKind);
        writer.WriteString(Kinds[(int)marker.Kind].EncodedUtf8Bytes);
        writer.WriteRaw(PackCallSign);
        writer.Write(marker.CallSign);
        WriteName(ref writer, PackType, Types, marker.Type is { } type ? (int)type : null);
        WriteName(ref writer, PackStatus, Statuses, marker.Status is { } status ? (int)status : null);
        writer.WriteRaw(PackIncident);
        writer.Write(marker.Incident);
        writer.WriteRaw(PackOnDuty);
        writer.Write(marker.OnDuty);
        writer.WriteRaw(PackTeam);
        writer.Write(marker.Team);
        writer.WriteRaw(PackStation);
        writer.Write(marker.Station);
        WritePlace(ref writer, buffers, marker);
        writer.WriteRaw(PackDevice);
        writer.Write(marker.Device);
    }

    /// <summary>Where the marker is: longitude, latitude, heading, speed and time, the fields a move entry carries.</summary>
    private static void WritePlace(Utf8JsonWriter json, UnitMarker marker)
    {
        WriteNumber(json, JsonLongitude, marker.Longitude);
        WriteNumber(json, JsonLatitude, marker.Latitude);
        WriteNumber(json, JsonHeading, marker.Heading);
        WriteNumber(json, JsonSpeed, marker.Speed);
        if (marker.Time is { } time)
        {
            json.WriteString(JsonTime, time);
        }
        else
        {
            json.WriteNull(JsonTime);
        }
    }

    private static void WritePlace(ref MessagePackWriter writer, Buffers buffers, UnitMarker marker)
    {
        WriteNumber(ref writer, PackLongitude, marker.Longitude);
        WriteNumber(ref writer, PackLatitude, marker.Latitude);
        WriteNumber(ref writer, PackHeading, marker.Heading);
        WriteNumber(ref writer, PackSpeed, marker.Speed);
        writer.WriteRaw(PackTime);
        if (marker.Time is { } time)
        {
            writer.WriteString(TimeText(buffers, time));
        }
        else
        {
            writer.WriteNil();
        }
    }

    /// <summary>A time as the JSON writes it, without the quotes.</summary>
    private static ReadOnlySpan<byte> TimeText(Buffers buffers, DateTimeOffset time)
    {
        buffers.Time.ResetWrittenCount();
        buffers.TimeJson.Reset(buffers.Time);
        buffers.TimeJson.WriteStringValue(time);
        buffers.TimeJson.Flush();
        return buffers.Time.WrittenSpan[1..^1];
    }

    private static void WriteName(Utf8JsonWriter json, JsonEncodedText name, JsonEncodedText[] names, int? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, names[v]);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteText(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, JsonEncodedText name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteName(ref MessagePackWriter writer, byte[] name, JsonEncodedText[] names, int? value)
    {
        writer.WriteRaw(name);
        if (value is { } v)
        {
            writer.WriteString(names[v].EncodedUtf8Bytes);
        }
        else
        {
            writer.WriteNil();
        }
    }

    private static void WriteNumber(ref MessagePackWriter writer, byte[] name, double? value)
    {
        writer.WriteRaw(name);
        if (value is { } v)
        {
            writer.Write(v);
        }
        else
        {
            writer.WriteNil();
        }
    }

    private static byte[] Key(string name)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        var writer = new MessagePackWriter(buffer);
        writer.Write(name);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Each value's camelCase name, as the API's enum converter writes it, indexed by the value.</summary>
    private static JsonEncodedText[] Names<T>()
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new JsonEncodedText[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
        }

        return names;
    }

    private delegate void PackFields(ref MessagePackWriter writer, Buffers buffers, UnitMarker marker);

    private sealed class Buffers
    {
        public ArrayBufferWriter<byte> Output { get; } = new(512);

        // Skips validation: the writer above writes one well-formed object.
        public Utf8JsonWriter Json { get; } = new(new ArrayBufferWriter<byte>(1), new JsonWriterOptions { SkipValidation = true });

        public ArrayBufferWriter<byte> Time { get; } = new(48);

        public Utf8JsonWriter TimeJson { get; } = new(new ArrayBufferWriter<byte>(1));
    }
}
