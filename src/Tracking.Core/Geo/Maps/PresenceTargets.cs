namespace Tracking.Core.Geo.Maps;

/// <summary>What a neighbourhood asked for at a priority location, per local day.</summary>
/// <param name="VisitsPerDay">Visits (stays of at least MinDwell) wanted per day, if set.</param>
/// <param name="MinutesPerDay">Presence minutes wanted per day, if set.</param>
public sealed record PresenceTargets(int? VisitsPerDay = null, double? MinutesPerDay = null)
{
    /// <summary>No targets set.</summary>
    public static PresenceTargets None { get; } = new();
}
