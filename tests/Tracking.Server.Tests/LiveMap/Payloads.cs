using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// What a hub client received, as one comparable form whatever the protocol: a JSON tree whose numbers are all
/// doubles (JSON has one number type; MessagePack has several, and a JavaScript client reads them all as numbers).
/// </summary>
public static class Payloads
{
    public static JsonNode? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, FromJson(p.Value)))),
        JsonValueKind.Array => new JsonArray([.. element.EnumerateArray().Select(FromJson)]),
        JsonValueKind.String => JsonValue.Create(element.GetString()),
        JsonValueKind.Number => JsonValue.Create(element.GetDouble()),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        _ => null,
    };

    /// <summary>From what the .NET MessagePack client gives for <c>object</c>: maps, object arrays, numbers, strings, booleans, nil.</summary>
    public static JsonNode? FromMessagePack(object? value) => value switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create((string)p.Key, FromMessagePack(p.Value)))),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double =>
            JsonValue.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        object?[] items => new JsonArray([.. items.Select(FromMessagePack)]),
        _ => throw new InvalidOperationException($"Unexpected MessagePack value of type {value.GetType()}"),
    };

    /// <summary>The markers of a snapshot or frame sent in full.</summary>
    public static IEnumerable<JsonNode> Units(JsonNode payload) => payload["units"]!.AsArray().Select(u => u!);

    /// <summary>The move entries of a frame (a snapshot has none).</summary>
    public static IEnumerable<JsonNode> Moved(JsonNode payload) => payload["moved"]?.AsArray().Select(m => m!) ?? [];

    public static JsonNode? Move(JsonNode payload, string id) => Moved(payload).FirstOrDefault(m => (string?)m["id"] == id);

    /// <summary>Whether the payload tells anything of the marker's state: in full or as a move.</summary>
    public static bool Mentions(JsonNode payload, string id) => Unit(payload, id) is not null || Move(payload, id) is not null;

    public static IEnumerable<string> Ids(JsonNode payload, string list = "units") =>
        payload[list]!.AsArray().Select(u => u is JsonObject ? (string)u["id"]! : (string)u!);

    public static JsonNode? Unit(JsonNode payload, string id) => Units(payload).FirstOrDefault(u => (string?)u["id"] == id);
}
