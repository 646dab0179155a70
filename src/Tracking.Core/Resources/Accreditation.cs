namespace Tracking.Core.Resources;

/// <summary>A skill an officer holds: firearms, advanced driver, dog handler, first aid, taser, public order…</summary>
/// <param name="OfficerId">The officer's collar number.</param>
/// <param name="Skill">Skill name, compared case-insensitively (ordinal).</param>
/// <param name="Expires">
/// When the accreditation lapses (UTC), or null for one that does not expire. It is valid at a time
/// strictly before this instant.
/// </param>
public sealed record Accreditation(string OfficerId, string Skill, DateTimeOffset? Expires)
{
    /// <summary>Whether the accreditation is valid at <paramref name="time"/>.</summary>
    public bool IsValidAt(DateTimeOffset time) => Expires is not { } expires || time < expires;
}
