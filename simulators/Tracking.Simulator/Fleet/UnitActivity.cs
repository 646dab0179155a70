namespace Tracking.Simulator.Fleet;

/// <summary>What a unit is doing.</summary>
internal enum UnitActivity
{
    OffDuty,
    Patrolling,
    Lingering,
    Responding,
    AtScene,
    Refreshment,
    ReturningToStation,
    Emergency,

    /// <summary>A foot officer walking back onto the beat after an incident elsewhere.</summary>
    RejoiningBeat,
}
