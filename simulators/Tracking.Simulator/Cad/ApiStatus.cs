namespace Tracking.Simulator.Cad;

/// <summary>How a call to the server's command-and-control API went.</summary>
public enum ApiStatus
{
    /// <summary>2xx.</summary>
    Ok,

    /// <summary>404: a server without this endpoint (or, for an incident, without that incident).</summary>
    NotFound,

    /// <summary>400 (or another 4xx): the server refused the request and said why.</summary>
    Refused,

    /// <summary>No answer, or a 5xx.</summary>
    Failed,
}
