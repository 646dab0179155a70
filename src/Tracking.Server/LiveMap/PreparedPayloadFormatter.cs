using MessagePack;
using MessagePack.Formatters;

namespace Tracking.Server.LiveMap;

/// <summary>Writes a <see cref="PreparedPayload"/> into the MessagePack hub protocol as its raw bytes. Stateless, thread-safe.</summary>
internal sealed class PreparedPayloadFormatter : IMessagePackFormatter<PreparedPayload?>
{
    public void Serialize(ref MessagePackWriter writer, PreparedPayload? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        value.WriteMessagePack(ref writer);
    }

    public PreparedPayload? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Live map payloads are sent by the server, never read.");
}
