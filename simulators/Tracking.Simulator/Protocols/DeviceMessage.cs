namespace Tracking.Simulator.Protocols;

/// <summary>
/// One encoded message as a device sends it: an MQTT publish (<see cref="Topic"/> and <see cref="Payload"/>) or,
/// for <see cref="DeviceProtocol.OsmAnd"/>, an HTTP request whose query string is <see cref="Query"/>.
/// Immutable; the payload array is never changed after it is built.
/// </summary>
/// <param name="DeviceId">The id the server will see (for OwnTracks <c>{user}.{device}</c>).</param>
/// <param name="Protocol">How it is encoded.</param>
/// <param name="Topic">MQTT topic, or null for an HTTP request.</param>
/// <param name="Payload">MQTT payload; empty for an HTTP request.</param>
/// <param name="Query">HTTP query string with its leading <c>?</c>, or null for an MQTT publish.</param>
public sealed record DeviceMessage(string DeviceId, DeviceProtocol Protocol, string? Topic, byte[] Payload, string? Query = null)
{
    public bool IsHttp => Query is not null;

    /// <summary>The size a server sees: the payload, or the query string for HTTP.</summary>
    public int Size => Query?.Length ?? Payload.Length;
}
