using System.Globalization;

namespace Tracking.Simulator.Backfill;

/// <summary>What a backfill wrote: fixes generated and newly stored (a re-run of the same seed and period stores nothing new), devices, incidents answered.</summary>
public sealed record BackfillResult(long Generated, long Stored, int Devices, int Incidents, TimeSpan Elapsed)
{
    public double FixesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Generated / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Generated} fixes generated, {Stored} stored (the rest were already there), {Devices} devices, {Incidents} incidents answered, in {Elapsed.TotalSeconds:F1} s = {FixesPerSecond:F0} fixes/s");
}
