namespace Tracking.Core.Analytics;

/// <summary>How a place did against its presence targets.</summary>
public enum TargetStatus
{
    /// <summary>No target is set.</summary>
    None,

    /// <summary>Below 75% of a target.</summary>
    Red,

    /// <summary>Every target at least 75% met, one not fully.</summary>
    Amber,

    /// <summary>Every target met.</summary>
    Green,
}
