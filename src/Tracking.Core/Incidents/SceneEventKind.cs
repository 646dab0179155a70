namespace Tracking.Core.Incidents;

/// <summary>What a unit's track showed at an incident.</summary>
public enum SceneEventKind
{
    /// <summary>An assigned unit reached the scene.</summary>
    Arrived,

    /// <summary>A unit that was not assigned stayed at the scene: it deployed itself.</summary>
    SelfDeployed,
}
