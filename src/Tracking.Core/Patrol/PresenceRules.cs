namespace Tracking.Core.Patrol;

/// <summary>
/// The rules that turn a track into presence (DESIGN.md, presence semantics).
/// </summary>
/// <param name="MaxGap">Consecutive fixes further apart than this break the track; the gap earns nothing.</param>
/// <param name="Grace">Inside intervals separated by less than this merge into one stay.</param>
/// <param name="MinDwell">A stay at least this long (enter to exit) is a visit; a shorter one is a pass.</param>
public sealed record PresenceRules(TimeSpan MaxGap, TimeSpan Grace, TimeSpan MinDwell)
{
    /// <summary>MaxGap 300 s, Grace 60 s, MinDwell 60 s.</summary>
    public static PresenceRules Default { get; } = new(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

    /// <summary>The reasons these rules cannot be used, empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxGap <= TimeSpan.Zero)
        {
            problems.Add("maxGap must be more than 0 seconds");
        }

        if (Grace < TimeSpan.Zero)
        {
            problems.Add("grace must not be negative");
        }

        if (MinDwell < TimeSpan.Zero)
        {
            problems.Add("minDwell must not be negative");
        }

        return problems;
    }

    /// <summary>
    /// How long after a device's last fix no later fix can change its open stays any more:
    /// a next fix further than MaxGap earns nothing, and an interval starting Grace after a
    /// stay's exit does not merge with it.
    /// </summary>
    public TimeSpan SettleAfter => MaxGap > Grace ? MaxGap : Grace;
}
