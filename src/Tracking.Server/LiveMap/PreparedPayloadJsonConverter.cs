using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracking.Server.LiveMap;

/// <summary>Writes a <see cref="PreparedPayload"/> into the JSON hub protocol as its raw bytes. Stateless, thread-safe.</summary>
internal sealed class PreparedPayloadJsonConverter : JsonConverter<PreparedPayload>
{
    public override PreparedPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Live map payloads are sent by the server, never read.");

    public override void Write(Utf8JsonWriter writer, PreparedPayload value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteJson(writer);
    }
}
