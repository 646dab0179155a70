namespace Tracking.Core.Dispatch;

/// <summary>Why a unit was not offered for an incident. A unit gets the first reason in this order.</summary>
public enum ExclusionReason
{
    /// <summary>The rota does not have it on shift.</summary>
    OffDuty,

    /// <summary>Its status is not Available (<see cref="UnitExclusion.Status"/> says which).</summary>
    NotAvailable,

    /// <summary>The incident asked for another vehicle type.</summary>
    WrongVehicleType,

    /// <summary>It lacks a required skill (<see cref="UnitExclusion.Skill"/>).</summary>
    MissingSkill,

    /// <summary>A required skill's accreditation has expired (<see cref="UnitExclusion.Skill"/>).</summary>
    ExpiredSkill,

    /// <summary>No position has been received.</summary>
    NoPosition,

    /// <summary>Its position is older than the staleness limit (<see cref="UnitExclusion.Age"/>).</summary>
    StalePosition,

    /// <summary>
    /// Over the road network: no route leads from it to the incident, or it (or the incident) is
    /// farther from any road than <see cref="Geo.Routing.TravelTimeOptions.MaxSnapDistance"/>.
    /// </summary>
    Unreachable,
}
