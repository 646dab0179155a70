namespace Tracking.Storage.Command;

/// <summary>The limits every reference import obeys, whether from a file or handed to <see cref="ReferenceStore"/>.</summary>
public static class ReferenceLimits
{
    /// <summary>Most rows in one file or import (CSV records, JSON array elements, list items).</summary>
    public const int MaxRows = 100_000;

    /// <summary>Longest name, call sign, team, station, skill or device name, in UTF-16 code units (the database, counting code points, never refuses what this allows).</summary>
    public const int MaxTextLength = Tracking.Core.Validation.TextRules.MaxNameLength;

    /// <summary>Longest shift.</summary>
    public static readonly TimeSpan MaxShiftLength = TimeSpan.FromHours(24);

    /// <summary>Most officers in one shift's crew (their order is kept in a smallint).</summary>
    public const int MaxCrew = 100;

    /// <summary>Most errors listed for one input; past it one more says the rest were left out.</summary>
    public const int MaxErrors = 1_000;
}
