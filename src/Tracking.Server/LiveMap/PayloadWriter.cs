using System.Buffers;
using System.Text.Json;
using MessagePack;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// Writes snapshots and frames straight into a hub protocol's output, in JSON or in MessagePack, from their markers'
/// ready-made bytes: nothing the size of a frame is built in between. The JSON is what <see cref="JsonSerializer"/>
/// with <see cref="CommandJson.Options"/> would write for the same record (camelCase keys in declaration order, enums
/// and times as strings); the MessagePack is the same document (<see cref="JsonToMessagePack"/>). Stateless, thread-safe.
/// </summary>
internal static class PayloadWriter
{
    public static void WriteJson(Utf8JsonWriter json, PreparedPayload payload)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(payload);
        json.WriteStartObject();
        switch (payload.Value)
        {
            case LiveFrame frame:
                json.WriteString("time"u8, frame.Time);
                WriteUnits(json, frame.Units);
                WriteMoves(json, frame.Moved);
                json.WriteStartArray("removed"u8);
                foreach (var id in frame.Removed)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                WriteList(json, "incidents"u8, payload.Lists[0].Json);
                WriteList(json, "alarms"u8, payload.Lists[1].Json);
                WriteList(json, "dispatches"u8, payload.Lists[2].Json);
                break;
            case LiveSnapshot snapshot:
                json.WriteString("time"u8, snapshot.Time);
                WriteUnits(json, snapshot.Units);
                WriteList(json, "incidents"u8, payload.Lists[0].Json);
                WriteList(json, "alarms"u8, payload.Lists[1].Json);
                break;
            default:
                throw new ArgumentException($"Not a live map payload: {payload.Value.GetType().Name}", nameof(payload));
        }

        json.WriteEndObject();
    }

    /// <summary>Writes the payload; returns the bytes written.</summary>
    public static int WriteMessagePack(ref MessagePackWriter writer, PreparedPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var written = 0;
        switch (payload.Value)
        {
            case LiveFrame frame:
                writer.WriteMapHeader(7);
                written += WriteTime(ref writer, payload.TimeText);
                written += WriteUnits(ref writer, frame.Units);
                written += WriteMoves(ref writer, frame.Moved);
                writer.Write("removed");
                writer.WriteArrayHeader(frame.Removed.Count);
                foreach (var id in frame.Removed)
                {
                    writer.Write(id);
                    written += id.Length + 2;
                }

                written += WriteList(ref writer, "incidents", payload.Lists[0].MessagePack);
                written += WriteList(ref writer, "alarms", payload.Lists[1].MessagePack);
                written += WriteList(ref writer, "dispatches", payload.Lists[2].MessagePack);
                break;
            case LiveSnapshot snapshot:
                writer.WriteMapHeader(4);
                written += WriteTime(ref writer, payload.TimeText);
                written += WriteUnits(ref writer, snapshot.Units);
                written += WriteList(ref writer, "incidents", payload.Lists[0].MessagePack);
                written += WriteList(ref writer, "alarms", payload.Lists[1].MessagePack);
                break;
            default:
                throw new ArgumentException($"Not a live map payload: {payload.Value.GetType().Name}", nameof(payload));
        }

        return written + 32;
    }

    /// <summary>The time as the JSON writes it, without the quotes, so that MessagePack carries the same text.</summary>
    public static byte[] TimeText(DateTimeOffset time)
    {
        var buffer = new ArrayBufferWriter<byte>(40);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStringValue(time);
        }

        return buffer.WrittenSpan[1..^1].ToArray();
    }

    private static void WriteUnits(Utf8JsonWriter json, IReadOnlyList<PreparedMarker> units)
    {
        json.WriteStartArray("units"u8);
        foreach (var unit in units)
        {
            json.WriteRawValue(unit.Json, skipInputValidation: true);
        }

        json.WriteEndArray();
    }

    private static void WriteMoves(Utf8JsonWriter json, IReadOnlyList<PreparedMarker> moved)
    {
        json.WriteStartArray("moved"u8);
        foreach (var marker in moved)
        {
            json.WriteRawValue(marker.MoveJson, skipInputValidation: true);
        }

        json.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> list)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(list, skipInputValidation: true);
    }

    private static int WriteTime(ref MessagePackWriter writer, byte[] text)
    {
        writer.Write("time");
        writer.WriteString(text);
        return text.Length;
    }

    private static int WriteUnits(ref MessagePackWriter writer, IReadOnlyList<PreparedMarker> units)
    {
        writer.Write("units");
        writer.WriteArrayHeader(units.Count);
        var written = 0;
        foreach (var unit in units)
        {
            var bytes = unit.MessagePack;
            writer.WriteRaw(bytes);
            written += bytes.Length;
        }

        return written;
    }

    private static int WriteMoves(ref MessagePackWriter writer, IReadOnlyList<PreparedMarker> moved)
    {
        writer.Write("moved");
        writer.WriteArrayHeader(moved.Count);
        var written = 0;
        foreach (var marker in moved)
        {
            var bytes = marker.MoveMessagePack;
            writer.WriteRaw(bytes);
            written += bytes.Length;
        }

        return written;
    }

    private static int WriteList(ref MessagePackWriter writer, string name, ReadOnlySpan<byte> list)
    {
        writer.Write(name);
        writer.WriteRaw(list);
        return list.Length;
    }
}
