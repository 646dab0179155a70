using Tracking.Core.Resources;

namespace Tracking.Core.Duty;

/// <summary>What a crew can do together: the union of its officers' accreditations.</summary>
public static class CrewSkills
{
    /// <summary>
    /// Skill → expiry (null: does not expire) over <paramref name="officerIds"/>; where several hold a
    /// skill the latest expiry counts (the unit can do it as long as one of them may). Names compare
    /// case-insensitively.
    /// </summary>
    public static Dictionary<string, DateTimeOffset?> Of(
        IEnumerable<string> officerIds,
        IReadOnlyDictionary<string, IReadOnlyList<Accreditation>> accreditationsByOfficer)
    {
        ArgumentNullException.ThrowIfNull(officerIds);
        ArgumentNullException.ThrowIfNull(accreditationsByOfficer);
        var skills = new Dictionary<string, DateTimeOffset?>(StringComparer.OrdinalIgnoreCase);
        foreach (var officer in officerIds)
        {
            if (!accreditationsByOfficer.TryGetValue(officer, out var held))
            {
                continue;
            }

            foreach (var accreditation in held)
            {
                if (!skills.TryGetValue(accreditation.Skill, out var expiry))
                {
                    skills[accreditation.Skill] = accreditation.Expires;
                }
                else if (expiry is { } current && (accreditation.Expires is not { } other || other > current))
                {
                    skills[accreditation.Skill] = accreditation.Expires;
                }
            }
        }

        return skills;
    }
}
