namespace Tracking.Core.Incidents;

/// <summary>How arrivals at incidents are read from tracks.</summary>
public sealed class SceneOptions
{
    /// <summary>A unit is at the scene when its position is within this many metres of the incident. Default 100 m.</summary>
    public double ArrivalRadius { get; init; } = 100;

    /// <summary>
    /// A unit that was not sent counts as self-deployed once it has stayed inside the radius this
    /// long (default 120 s), so driving past an incident on the way elsewhere is not a deployment.
    /// Its arrival time is still its first fix inside.
    /// </summary>
    public TimeSpan SelfDeployDwell { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Problems with the settings, empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(ArrivalRadius) || ArrivalRadius <= 0)
        {
            problems.Add("ArrivalRadius must be a positive number of metres.");
        }

        if (SelfDeployDwell < TimeSpan.Zero)
        {
            problems.Add("SelfDeployDwell must not be negative.");
        }

        return problems;
    }
}
