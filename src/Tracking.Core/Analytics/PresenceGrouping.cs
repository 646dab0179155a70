namespace Tracking.Core.Analytics;

/// <summary>How the patrol presence report splits each area's figures.</summary>
public enum PresenceGrouping
{
    /// <summary>One row per area for the whole period.</summary>
    None,

    /// <summary>By local day (Europe/London) the stay began.</summary>
    Day,

    /// <summary>By the shift the rota gave the device when the stay began.</summary>
    Shift,

    /// <summary>By the team of that shift's unit.</summary>
    Team,

    /// <summary>By that unit.</summary>
    Unit,

    /// <summary>Vehicle (the unit's tracker) or foot (a radio or phone).</summary>
    Mode,
}
