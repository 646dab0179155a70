namespace Tracking.Core.Incidents;

/// <summary>
/// How soon each grade must be attended, from creation to the first unit at the scene. Defaults:
/// grade 1 within 15 minutes in urban areas and 20 in rural ones, grade 2 within 60 minutes,
/// grade 3 no target (scheduled by appointment).
/// </summary>
public sealed class ResponseTargets
{
    /// <summary>Grade 1 target where the incident is in an urban beat. Default 15 min.</summary>
    public TimeSpan EmergencyUrban { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Grade 1 target where the incident is in a rural beat. Default 20 min.</summary>
    public TimeSpan EmergencyRural { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Grade 2 target. Default 60 min.</summary>
    public TimeSpan Priority { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Grade 3 target, or null for none (the default).</summary>
    public TimeSpan? Scheduled { get; init; }

    /// <summary>The target for an incident of <paramref name="grade"/>, or null when the grade has none.</summary>
    public TimeSpan? For(Grade grade, bool rural) => grade switch
    {
        Grade.Emergency => rural ? EmergencyRural : EmergencyUrban,
        Grade.Priority => Priority,
        _ => Scheduled,
    };

    /// <summary>Problems with the settings, empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (EmergencyUrban <= TimeSpan.Zero || EmergencyRural <= TimeSpan.Zero || Priority <= TimeSpan.Zero || Scheduled <= TimeSpan.Zero)
        {
            problems.Add("Every response target must be positive (e.g. \"00:15:00\").");
        }

        return problems;
    }
}
