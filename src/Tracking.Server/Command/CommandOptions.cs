using Tracking.Core.Incidents;

namespace Tracking.Server.Command;

/// <summary>Settings of command and control (section <c>Tracking:Command</c>).</summary>
internal sealed class CommandOptions
{
    public const string Section = "Tracking:Command";

    /// <summary>A unit is at an incident within this many metres of it. Default 100 m.</summary>
    public double ArrivalRadius { get; set; } = 100;

    /// <summary>How long a unit that was not sent must stay at an incident to count as self-deployed. Default 2 minutes.</summary>
    public TimeSpan SelfDeployDwell { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A crew member's radio or phone farther than this from the unit's vehicle (both positions fresh)
    /// makes that officer a foot patrol in their own right. Default 200 m.
    /// </summary>
    public double DetachDistance { get; set; } = 200;

    /// <summary>A position older than this is stale: its unit is not offered. Default 120 s.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How many back-up units an emergency alarm recommends. Default 5.</summary>
    public int BackUpCount { get; set; } = 5;

    /// <summary>Grade 1 target in urban beats. Default 15 minutes.</summary>
    public TimeSpan EmergencyUrbanTarget { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Grade 1 target in rural beats. Default 20 minutes.</summary>
    public TimeSpan EmergencyRuralTarget { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Grade 2 target. Default 60 minutes.</summary>
    public TimeSpan PriorityTarget { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Grade 3 target, or none (the default).</summary>
    public TimeSpan? ScheduledTarget { get; set; }

    /// <summary>The micro-beats (ids) where the rural grade 1 target applies; every other place is urban.</summary>
    public List<string> RuralBeats { get; set; } = [];

    /// <summary>How often shift starts and ends are applied. Default 1 s.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the rota is re-read from the database (shifts imported by another server). Default 1 minute.</summary>
    public TimeSpan RotaRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Batches of positions waiting for the control room before new ones are dropped (counted). Default 1024.</summary>
    public int PositionQueueCapacity { get; set; } = 1024;

    public SceneOptions Scene => new() { ArrivalRadius = ArrivalRadius, SelfDeployDwell = SelfDeployDwell };

    public ResponseTargets Targets => new()
    {
        EmergencyUrban = EmergencyUrbanTarget,
        EmergencyRural = EmergencyRuralTarget,
        Priority = PriorityTarget,
        Scheduled = ScheduledTarget,
    };

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Scene.Problems());
        problems.AddRange(Targets.Problems());
        if (!double.IsFinite(DetachDistance) || DetachDistance <= 0)
        {
            problems.Add("DetachDistance must be a positive number of metres.");
        }

        if (StaleAfter <= TimeSpan.Zero || TickInterval <= TimeSpan.Zero || RotaRefreshInterval <= TimeSpan.Zero)
        {
            problems.Add("StaleAfter, TickInterval and RotaRefreshInterval must be positive (e.g. \"00:02:00\").");
        }

        if (BackUpCount is < 1 or > 50 || PositionQueueCapacity < 1)
        {
            problems.Add("BackUpCount must be 1-50 and PositionQueueCapacity at least 1.");
        }

        return problems;
    }
}
