namespace Tracking.Simulator.Cad;

/// <summary>Why a unit is on its way to an incident.</summary>
internal enum DispatchSource
{
    /// <summary>The simulated dispatcher chose it (no server recommendation, or a server without command and control).</summary>
    Simulator,

    /// <summary>The server's dispatch message reached one of its devices.</summary>
    Server,

    /// <summary>It was nearby and went without being sent.</summary>
    SelfDeployed,
}
