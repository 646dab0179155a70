namespace Tracking.Simulator.Backfill;

/// <summary>
/// A backfill: <see cref="Days"/> days of the fleet's history up to <see cref="End"/>, written straight into the PostGIS
/// database at <see cref="ConnectionString"/> in batches of <see cref="BatchSize"/> fixes.
/// </summary>
public sealed record BackfillOptions(string ConnectionString, double Days, int Vehicles, int Foot, int Seed, DateTimeOffset End, string MapDirectory)
{
    public int BatchSize { get; init; } = 50_000;

    /// <summary>Incidents on (units answer calls, so tracks include responses) or off (patrol only).</summary>
    public bool Incidents { get; init; } = true;
}
