namespace Tracking.Server.Patrol;

/// <summary>
/// What <c>GET /api/patrol/stats</c> reports: the map in use and the patrol stage's counters since start.
/// </summary>
/// <param name="Map">The force map's name.</param>
/// <param name="MapValidAt">The time whose priority location versions the live map holds.</param>
/// <param name="Beats">Micro-beats in the live map.</param>
/// <param name="Locations">Priority locations in the live map.</param>
/// <param name="ProcessedFixes">Fixes matched and fed to live presence.</param>
/// <param name="DroppedFixes">Fixes left out of live presence because the stage's queue was full (stored all the same).</param>
/// <param name="LateFixes">Fixes older than the reorder window, stored but not replayed into live presence.</param>
/// <param name="Devices">Devices live presence has seen.</param>
/// <param name="OpenStays">Stays open now.</param>
/// <param name="StoredStays">Closed stays written to the visits table.</param>
/// <param name="DroppedStays">Closed stays dropped because too many waited for the database.</param>
public sealed record PatrolStats(
    string Map,
    DateTimeOffset MapValidAt,
    int Beats,
    int Locations,
    long ProcessedFixes,
    long DroppedFixes,
    long LateFixes,
    int Devices,
    int OpenStays,
    long StoredStays,
    long DroppedStays);
