namespace Tracking.Core.Dispatch;

/// <summary>Why a unit's status changed: kept with every change, so the history says who or what moved it.</summary>
public enum StatusCause
{
    /// <summary>A dispatcher, through the API.</summary>
    Dispatcher,

    /// <summary>The crew, through a device's status topic.</summary>
    Device,

    /// <summary>The unit was assigned to an incident.</summary>
    Assignment,

    /// <summary>The unit's track entered the incident's radius.</summary>
    Arrival,

    /// <summary>The unit's shift began.</summary>
    ShiftStart,

    /// <summary>The unit's shift ended.</summary>
    ShiftEnd,

    /// <summary>The incident the unit was assigned to or at was closed.</summary>
    IncidentClosed,
}
