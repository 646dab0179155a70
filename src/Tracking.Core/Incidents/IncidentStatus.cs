namespace Tracking.Core.Incidents;

/// <summary>Whether command and control still has an incident open.</summary>
public enum IncidentStatus
{
    /// <summary>Open: units may be sent and arrivals count.</summary>
    Open,

    /// <summary>Closed (resulted) by command and control.</summary>
    Closed,
}
