namespace Tracking.Core.Patrol;

/// <summary>A stay that may still grow: its area and its enter, exit and inside time so far, in UTC ticks.</summary>
/// <param name="AreaKey">The area's key.</param>
/// <param name="EnterTicks">First time inside.</param>
/// <param name="ExitTicks">Last time inside so far.</param>
/// <param name="InsideTicks">Time inside so far, merged gaps not counted.</param>
public readonly record struct OpenStay(string AreaKey, long EnterTicks, long ExitTicks, long InsideTicks)
{
    /// <summary>First time inside.</summary>
    public DateTimeOffset Enter => new(EnterTicks, TimeSpan.Zero);

    /// <summary>Last time inside so far.</summary>
    public DateTimeOffset Exit => new(ExitTicks, TimeSpan.Zero);

    /// <summary>Time inside so far, in seconds.</summary>
    public double InsideSeconds => TimeSpan.FromTicks(InsideTicks).TotalSeconds;
}
