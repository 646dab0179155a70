using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracking.Server.Command;

/// <summary>The JSON conventions of command and control: camelCase names, enums as camelCase strings.</summary>
internal static class CommandJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
