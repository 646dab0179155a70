namespace Tracking.Server.Devices;

/// <summary>
/// Who a client is: its kind and name (the device id for a device, the '@' username for a service account, empty
/// for anonymous and the server). Immutable.
/// </summary>
public sealed record Principal(PrincipalKind Kind, string Name)
{
    public static Principal Anonymous { get; } = new(PrincipalKind.Anonymous, "");

    public static Principal Server { get; } = new(PrincipalKind.Server, "");

    /// <summary>
    /// Whether one connection carries the messages of many devices (a gateway, an anonymous demo client): then a
    /// device over its rate is refused rather than waited for, so the other devices on the connection are not held up.
    /// </summary>
    public bool IsShared => Kind is PrincipalKind.Gateway or PrincipalKind.Anonymous;

    public override string ToString() => Kind switch
    {
        PrincipalKind.Anonymous => "(anonymous)",
        PrincipalKind.Server => "(server)",
        _ => Name,
    };
}
