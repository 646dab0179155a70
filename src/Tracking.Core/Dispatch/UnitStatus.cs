namespace Tracking.Core.Dispatch;

/// <summary>A unit's status as the control room sees it. Only <see cref="Available"/> units are offered.</summary>
public enum UnitStatus
{
    /// <summary>Free to be sent.</summary>
    Available,

    /// <summary>Sent to an incident, not there yet.</summary>
    Assigned,

    /// <summary>At an incident.</summary>
    AtScene,

    /// <summary>On duty but not deployable (refreshment, custody, paperwork, vehicle off the road).</summary>
    Unavailable,

    /// <summary>Not on shift.</summary>
    OffDuty,
}
