namespace Tracking.Server.Devices;

/// <summary>The roles of service accounts, as stored (<c>broker_accounts.role</c>) and written in the API.</summary>
public static class BrokerAccountRole
{
    /// <summary>May publish every device topic of any registered device and subscribe to their dispatch topics.</summary>
    public const string Gateway = "gateway";

    /// <summary>May publish incidents on <c>cad/incidents</c>.</summary>
    public const string Cad = "cad";

    public static bool IsKnown(string role) => role is Gateway or Cad;

    public static PrincipalKind KindOf(string role) => role == Gateway ? PrincipalKind.Gateway : PrincipalKind.Cad;
}
