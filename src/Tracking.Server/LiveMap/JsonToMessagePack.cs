using System.Buffers;
using System.Text.Json;
using MessagePack;

namespace Tracking.Server.LiveMap;

/// <summary>
/// Re-encodes a JSON document as MessagePack, value for value: objects as maps with the same keys, arrays as
/// arrays, strings as strings (times stay ISO 8601 text), integral numbers as integers and the others as float64,
/// true, false and null. So a MessagePack client reads exactly what a JSON client reads. MessagePack writes a
/// container's length before its items, so a first pass counts them. Stateless, thread-safe.
/// </summary>
internal static class JsonToMessagePack
{
    private const int MaxDepth = 64;

    public static byte[] Convert(ReadOnlySpan<byte> json)
    {
        var counts = Count(json);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, json.Length));
        var writer = new MessagePackWriter(buffer);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var container = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteMapHeader(counts[container++]);
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteArrayHeader(counts[container++]);
                    break;
                case JsonTokenType.PropertyName:
                case JsonTokenType.String:
                    if (reader.ValueIsEscaped)
                    {
                        writer.Write(reader.GetString());
                    }
                    else
                    {
                        writer.WriteString(reader.ValueSpan);
                    }

                    break;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var integer))
                    {
                        writer.Write(integer);
                    }
                    else
                    {
                        writer.Write(reader.GetDouble());
                    }

                    break;
                case JsonTokenType.True:
                    writer.Write(true);
                    break;
                case JsonTokenType.False:
                    writer.Write(false);
                    break;
                case JsonTokenType.Null:
                    writer.WriteNil();
                    break;
                default:
                    // End of an object or array: MessagePack has no end marker.
                    break;
            }
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The number of entries of every object and array, in the order they open.</summary>
    private static List<int> Count(ReadOnlySpan<byte> json)
    {
        var counts = new List<int>();
        Span<int> open = stackalloc int[MaxDepth + 1];
        Span<bool> isArray = stackalloc bool[MaxDepth + 1];
        var depth = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token == JsonTokenType.PropertyName)
            {
                counts[open[depth - 1]]++;
                continue;
            }

            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                depth--;
                continue;
            }

            if (depth > 0 && isArray[depth - 1])
            {
                counts[open[depth - 1]]++;
            }

            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                counts.Add(0);
                open[depth] = counts.Count - 1;
                isArray[depth] = token == JsonTokenType.StartArray;
                depth++;
            }
        }

        return counts;
    }
}
