using Tracking.Core.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>
/// Settings of the force map and of live patrol presence, section <c>Tracking:Patrol</c>.
/// </summary>
public sealed class PatrolOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tracking:Patrol";

    /// <summary>
    /// A map directory (maps/README.md) imported into the database at start: beats, stations,
    /// roads, and priority locations that are new or changed. Unset: the map already in the
    /// database is used as it is.
    /// </summary>
    public string? MapDirectory { get; set; }

    /// <summary>How often the stored map is checked for changes made elsewhere or coming into force. Default 60 s.</summary>
    public TimeSpan MapRefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive fixes further apart break the track (DESIGN.md). Default 300 s.</summary>
    public TimeSpan MaxGap { get; set; } = PresenceRules.Default.MaxGap;

    /// <summary>Inside intervals closer than this merge into one stay. Default 60 s.</summary>
    public TimeSpan Grace { get; set; } = PresenceRules.Default.Grace;

    /// <summary>A stay at least this long is a visit. Default 60 s.</summary>
    public TimeSpan MinDwell { get; set; } = PresenceRules.Default.MinDwell;

    /// <summary>How far back in device time a late fix is still replayed into live presence. Default 120 s.</summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How often stays of devices that fell silent are closed. Default 5 s.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Batches of accepted fixes waiting for the patrol stage. When full, new batches are
    /// dropped from live presence (counted and logged); they are stored all the same and
    /// retrospective presence counts them.
    /// </summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>
    /// How often the stored fixes are cut into track chunks, which retrospective presence reads instead of every fix
    /// (fixes not cut yet are read from the fixes table: answers are the same, only slower). Default 5 minutes.
    /// </summary>
    public TimeSpan TrackChunkInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The presence rules these settings give.</summary>
    public PresenceRules Rules => new(MaxGap, Grace, MinDwell);
}
