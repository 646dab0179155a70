using MessagePack;
using MessagePack.Formatters;

namespace Tracking.Server.LiveMap;

/// <summary>
/// Reads <c>JoinView</c>'s argument from MessagePack: a map with the same camelCase keys as the JSON (matched
/// ignoring case), numbers of any MessagePack numeric type; unknown keys are skipped. Stateless, thread-safe.
/// </summary>
internal sealed class MapViewRequestFormatter : IMessagePackFormatter<MapViewRequest?>
{
    public void Serialize(ref MessagePackWriter writer, MapViewRequest? value, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("A view is sent by clients, never by the server.");

    public MapViewRequest? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw new MessagePackSerializationException("A view is a map such as {\"kind\": \"force\"}.");
        }

        var request = new MapViewRequest();
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            var key = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() : null;
            if (key is null)
            {
                reader.Skip();
                reader.Skip();
                continue;
            }

            switch (key.ToUpperInvariant())
            {
                case "KIND":
                    request.Kind = ReadText(ref reader);
                    break;
                case "WEST":
                    request.West = ReadNumber(ref reader);
                    break;
                case "SOUTH":
                    request.South = ReadNumber(ref reader);
                    break;
                case "EAST":
                    request.East = ReadNumber(ref reader);
                    break;
                case "NORTH":
                    request.North = ReadNumber(ref reader);
                    break;
                case "TEAM":
                    request.Team = ReadText(ref reader);
                    break;
                case "STATION":
                    request.Station = ReadText(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return request;
    }

    private static string? ReadText(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType == MessagePackType.String || reader.NextMessagePackType == MessagePackType.Nil)
        {
            return reader.ReadString();
        }

        throw new MessagePackSerializationException("kind, team and station are strings.");
    }

    private static double? ReadNumber(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        return reader.NextMessagePackType is MessagePackType.Integer or MessagePackType.Float
            ? reader.ReadDouble()
            : throw new MessagePackSerializationException("west, south, east and north are numbers of degrees.");
    }
}
