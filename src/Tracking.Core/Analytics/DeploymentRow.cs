namespace Tracking.Core.Analytics;

/// <summary>Self-deployments and multiple deployments of one unit, or of one team (its units together).</summary>
/// <param name="By">unit or team.</param>
/// <param name="Id">The unit or team.</param>
/// <param name="Attended">Incidents it reached.</param>
/// <param name="SelfDeployed">Of those, reached without being sent.</param>
/// <param name="MultipleDeployments">Of those, incidents where more units arrived than were sent.</param>
public sealed record DeploymentRow(string By, string Id, int Attended, int SelfDeployed, int MultipleDeployments);
