using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.Core.Dispatch;
using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>
/// The JSON of the command-and-control API and its MQTT topics: camelCase names, enums as camelCase strings, nulls written
/// (the contract shows <c>"vehicleType": null</c>, <c>"closedAt": null</c>), times ISO-8601 UTC. Thread-safe.
/// </summary>
public static class CadJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The contract's name of a unit type: responseCar, armedResponseVehicle, van, dogUnit, motorcycle, footPatrol, pcso.</summary>
    public static string Name(UnitType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>The contract's name of a device kind: vehicleTracker, airwaveRadio, phone.</summary>
    public static string Name(DeviceKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
