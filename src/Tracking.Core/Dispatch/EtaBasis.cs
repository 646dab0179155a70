namespace Tracking.Core.Dispatch;

/// <summary>How the times to arrive of a recommendation were estimated.</summary>
public enum EtaBasis
{
    /// <summary>Over the road network: distances are along the route.</summary>
    RoadNetwork,

    /// <summary>Straight-line distance × detour factor ÷ the unit type's speed: distances are straight lines.</summary>
    StraightLine,
}
