using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MessagePack;
using Tracking.Core.Dispatch;
using Tracking.Server.Command;
using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>A marker and its move entry written field by field are byte for byte what the API's serializer writes, and their MessagePack the same documents.</summary>
public sealed class MarkerWriterTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    private static UnitMarker Random(Random random, int i)
    {
        double? Maybe(double value) => random.Next(4) == 0 ? null : value;
        var types = Enum.GetValues<UnitType>();
        var statuses = Enum.GetValues<UnitStatus>();
        // Whole seconds, milliseconds (as devices send) and full ticks; UTC and, once in a while, another offset.
        var ticks = random.NextInt64(0, TimeSpan.TicksPerDay);
        ticks -= random.Next(3) switch { 0 => ticks % TimeSpan.TicksPerSecond, 1 => ticks % TimeSpan.TicksPerMillisecond, _ => 0 };
        var time = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero).AddTicks(ticks).ToOffset(random.Next(10) == 0 ? TimeSpan.FromHours(1) : TimeSpan.Zero);
        return new UnitMarker(
            "U-" + i, random.Next(2) == 0 ? MarkerKind.Unit : MarkerKind.Device, i % 7 == 0 ? "Café <A&B> +1 \"quoted\"" : "Call " + i,
            random.Next(5) == 0 ? null : types[random.Next(types.Length)], random.Next(5) == 0 ? null : statuses[random.Next(statuses.Length)],
            random.Next(2) == 0 ? null : "INC-" + i, random.Next(2) == 0, random.Next(4) == 0 ? null : "West NPT", random.Next(4) == 0 ? null : "HQ",
            Maybe(Math.Round(-1.5 + random.NextDouble(), 7)), Maybe(Math.Round(52 + random.NextDouble(), 7)), Maybe(random.Next(3) == 0 ? 90 : Math.Round(random.NextDouble() * 360, 1)),
            Maybe(random.Next(3) == 0 ? 1e-7 : Math.Round(random.NextDouble() * 40, 2)), random.Next(6) == 0 ? null : time, random.Next(5) == 0 ? null : "dev-" + i);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_JSON_is_what_the_APIs_serializer_writes(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var marker = Random(random, i);
            Assert.Equal(JsonSerializer.Serialize(marker, CommandJson.Options), Encoding.UTF8.GetString(MarkerWriter.Json(marker)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_MessagePack_is_the_same_document_as_the_JSON(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var marker = Random(random, i);
            var json = JsonNode.Parse(MarkerWriter.Json(marker));
            var packed = JsonNode.Parse(MessagePackSerializer.ConvertToJson(MarkerWriter.MessagePack(marker)));
            Assert.True(JsonNode.DeepEquals(Numbers(json), Numbers(packed)), $"{json}\n{packed}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_move_entry_is_the_id_and_place_as_the_APIs_serializer_writes_them(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var marker = Random(random, i);
            var expected = new MoveEntry(marker.Id, marker.Longitude, marker.Latitude, marker.Heading, marker.Speed, marker.Time);
            Assert.Equal(JsonSerializer.Serialize(expected, CommandJson.Options), Encoding.UTF8.GetString(MarkerWriter.MoveJson(marker)));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_move_entrys_MessagePack_is_the_same_document_as_its_JSON(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var marker = Random(random, i);
            var json = JsonNode.Parse(MarkerWriter.MoveJson(marker));
            var packed = JsonNode.Parse(MessagePackSerializer.ConvertToJson(MarkerWriter.MoveMessagePack(marker)));
            Assert.True(JsonNode.DeepEquals(Numbers(json), Numbers(packed)), $"{json}\n{packed}");
        }
    }

    /// <summary>Every number as a double: JSON has one kind of number, as a browser reads both protocols.</summary>
    private static JsonNode? Numbers(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Numbers(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Numbers)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
        _ => node?.DeepClone(),
    };

    /// <summary>What a move entry is meant to be, for the API's serializer to write.</summary>
    private sealed record MoveEntry(string Id, double? Longitude, double? Latitude, double? Heading, double? Speed, DateTimeOffset? Time);
}
