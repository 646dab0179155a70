namespace Tracking.Server.Reports;

/// <summary>A report's period [From, To), checked: both given with a zone, From before To, at most <see cref="MaxDays"/> days.</summary>
internal readonly record struct ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public const int MaxDays = 92;

    /// <summary>The period, or the reason it is refused.</summary>
    public static (ReportPeriod Period, string? Problem) Parse(DateTimeOffset? from, DateTimeOffset? to, string name = "")
    {
        if (from is not { } start || to is not { } end)
        {
            return (default, $"{name}from and {name}to are required (ISO 8601 with a zone, e.g. 2026-11-01T00:00:00Z)");
        }

        if (start >= end)
        {
            return (default, $"{name}from must be before {name}to");
        }

        return end - start > TimeSpan.FromDays(MaxDays)
            ? (default, $"a period covers at most {MaxDays} days")
            : (new ReportPeriod(start.ToUniversalTime(), end.ToUniversalTime()), null);
    }
}
