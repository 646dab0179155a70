namespace Tracking.Core.Patrol;

/// <summary>What live presence did with a fix.</summary>
public enum LiveFixOutcome
{
    /// <summary>The fix was the device's latest and was applied.</summary>
    Applied,

    /// <summary>The fix was older than the device's latest but within the reorder window: presence was replayed from it.</summary>
    Replayed,

    /// <summary>A fix of the same device time was already applied; the first one stands, as in storage.</summary>
    Duplicate,

    /// <summary>
    /// The fix was older than the reorder window keeps: it is stored, but live presence does not
    /// replay that far back; retrospective reports over the stored track include it.
    /// </summary>
    TooLate,
}
