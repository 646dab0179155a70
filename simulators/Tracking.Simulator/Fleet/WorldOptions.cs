namespace Tracking.Simulator.Fleet;

/// <summary>
/// How the simulated world behaves. Rates are per hour of simulated time; the incident base rate is for an average
/// hour (the profile makes Friday and Saturday nights busier and early mornings quieter).
/// </summary>
internal sealed record WorldOptions
{
    public int Seed { get; init; } = 1;

    public DeviceBehaviour Devices { get; init; } = new();

    /// <summary>Raise incidents (command and control); off for a fleet that only patrols.</summary>
    public bool Incidents { get; init; } = true;

    /// <summary>Incidents per average hour; null: about one per three vehicles, at least one.</summary>
    public double? IncidentsPerHour { get; init; }

    /// <summary>
    /// The simulated dispatcher picks and sends units itself. Off when the server recommends and assigns: then the world
    /// raises <see cref="Cad.DispatchDue"/> and waits for the runner.
    /// </summary>
    public bool InternalDispatch { get; init; } = true;

    /// <summary>Chance that an available unit near a new grade 1 or 2 incident goes without being sent.</summary>
    public double SelfDeployChance { get; init; } = 0.15;

    /// <summary>How near (metres, straight line) a unit must be to self-deploy.</summary>
    public double SelfDeployMetres { get; init; } = 1_500;

    /// <summary>Emergency button presses per hour across the fleet.</summary>
    public double EmergenciesPerHour { get; init; } = 0.3;

    /// <summary>When set, a first grade 1 incident is raised this long after the start (so a demo shows one at once).</summary>
    public TimeSpan? FirstIncidentAfter { get; init; }

    /// <summary>How much simulated time one step covers.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(1);
}
