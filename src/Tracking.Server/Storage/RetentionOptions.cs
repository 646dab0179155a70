namespace Tracking.Server.Storage;

/// <summary>How long stored data is kept (section <c>Tracking:Retention</c>).</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Tracking:Retention";

    /// <summary>The shortest allowed: longer than the 7 days back a fix is still accepted, or new fixes would land in dropped days.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromDays(8);

    /// <summary>
    /// Fixes (and their track boxes and refused messages) older than this are removed, a whole day at a
    /// time. Default 365 days. Visits, incidents, status history and alarms are kept.
    /// </summary>
    public TimeSpan Fixes { get; set; } = TimeSpan.FromDays(365);
}
