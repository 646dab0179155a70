namespace Tracking.Server.Devices;

/// <summary>What kind of client a broker connection or an HTTP device request authenticated as.</summary>
public enum PrincipalKind
{
    /// <summary>A registered device: its username is its device id.</summary>
    Device,

    /// <summary>A gateway service account (TETRA): publishes device topics for any registered device.</summary>
    Gateway,

    /// <summary>A command-and-control service account: publishes <c>cad/incidents</c>.</summary>
    Cad,

    /// <summary>A client without credentials, accepted only in demo mode, unrestricted there.</summary>
    Anonymous,

    /// <summary>The server itself (its own dispatches, injected into the embedded broker).</summary>
    Server,
}
