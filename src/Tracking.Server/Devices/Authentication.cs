namespace Tracking.Server.Devices;

/// <summary>The answer to a credential check: who the client is, or why it was refused.</summary>
public readonly record struct Authentication(Principal? Principal, ConnectionRefusal Refusal)
{
    public bool Succeeded => Principal is not null;

    public static Authentication Of(Principal principal) => new(principal, default);

    public static Authentication Refused(ConnectionRefusal refusal) => new(null, refusal);
}
