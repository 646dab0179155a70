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
                WriteMarkers(json, "units"u8, frame.Units, asMoves: false);
                WriteMarkers(json, "moved"u8, frame.Moved, asMoves: true);
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
                WriteMarkers(json, "units"u8, snapshot.Units, asMoves: false);
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
                written += WriteMarkers(ref writer, "units", frame.Units, asMoves: false);
                written += WriteMarkers(ref writer, "moved", frame.Moved, asMoves: true);
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
                written += WriteMarkers(ref writer, "units", snapshot.Units, asMoves: false);
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

    /// <summary>The markers' bytes, made once each, copied in: whole markers, or their move entries.</summary>
    private static void WriteMarkers(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<PreparedMarker> markers, bool asMoves)
    {
        json.WriteStartArray(name);
        foreach (var marker in markers)
        {
            json.WriteRawValue(asMoves ? marker.MoveJson : marker.Json, skipInputValidation: true);
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

    private static int WriteMarkers(ref MessagePackWriter writer, string name, IReadOnlyList<PreparedMarker> markers, bool asMoves)
    {
        writer.Write(name);
        writer.WriteArrayHeader(markers.Count);
        var written = 0;
        foreach (var marker in markers)
        {
            var bytes = asMoves ? marker.MoveMessagePack : marker.MessagePack;
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
