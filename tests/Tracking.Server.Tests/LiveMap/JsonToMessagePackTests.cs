using System.Text;
using MessagePack;
using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>The MessagePack of a frame is the same document as its JSON.</summary>
public sealed class JsonToMessagePackTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null],"c":{"d":"text","e":-1.5,"f":[]},"g":{}}""")]
    [InlineData("""[1,2.25,"x",{"y":[[],[{}]]}]""")]
    [InlineData("""{"time":"2026-11-26T08:00:00+00:00","big":9007199254740993,"tiny":1E-07,"neg":-42}""")]
    [InlineData("""{"escaped":"line\nbreak \"quoted\" caf\u00e9","plain":"café"}""")]
    public void The_MessagePack_reads_back_as_the_same_JSON(string json)
    {
        var packed = JsonToMessagePack.Convert(Encoding.UTF8.GetBytes(json));

        var back = MessagePackSerializer.ConvertToJson(packed);

        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json), System.Text.Json.Nodes.JsonNode.Parse(back)),
            $"{json}\n{back}");
    }

    [Fact]
    public void Integers_stay_integers_and_fractions_are_doubles()
    {
        var packed = JsonToMessagePack.Convert("""[7,7.5]"""u8);
        var reader = new MessagePackReader(packed);

        Assert.Equal(2, reader.ReadArrayHeader());
        Assert.Equal(MessagePackType.Integer, reader.NextMessagePackType);
        Assert.Equal(7, reader.ReadInt32());
        Assert.Equal(MessagePackType.Float, reader.NextMessagePackType);
        Assert.Equal(7.5, reader.ReadDouble());
    }
}
