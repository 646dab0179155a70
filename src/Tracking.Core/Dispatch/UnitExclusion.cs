using System.Globalization;

namespace Tracking.Core.Dispatch;

/// <summary>A unit that was not offered, and why.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CallSign">Its call sign.</param>
/// <param name="Reason">The first reason it failed.</param>
public sealed record UnitExclusion(string UnitId, string CallSign, ExclusionReason Reason)
{
    /// <summary>The status, for <see cref="ExclusionReason.NotAvailable"/>.</summary>
    public UnitStatus? Status { get; init; }

    /// <summary>Age of the position at the request time, for <see cref="ExclusionReason.StalePosition"/>.</summary>
    public TimeSpan? Age { get; init; }

    /// <summary>The skill, for <see cref="ExclusionReason.MissingSkill"/> and <see cref="ExclusionReason.ExpiredSkill"/>.</summary>
    public string? Skill { get; init; }

    /// <summary>The reason as a dispatcher reads it: <c>NotAvailable(AtScene)</c>, <c>StalePosition(300 s)</c>, <c>MissingSkill(taser)</c>.</summary>
    public string Detail => Reason switch
    {
        ExclusionReason.NotAvailable => $"NotAvailable({Status})",
        ExclusionReason.StalePosition => string.Create(CultureInfo.InvariantCulture, $"StalePosition({Age?.TotalSeconds:0} s)"),
        ExclusionReason.MissingSkill or ExclusionReason.ExpiredSkill => $"{Reason}({Skill})",
        _ => Reason.ToString(),
    };
}
