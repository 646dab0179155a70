namespace Tracking.Core.Analytics;

/// <summary>How evenly a team's officers shared the incidents of a period.</summary>
/// <param name="Team">The team.</param>
/// <param name="Officers">Officers of the team who were on a shift in the period.</param>
/// <param name="Attended">Incidents they attended, together.</param>
/// <param name="Gini">Gini coefficient of their counts (0 even; null when nobody attended anything).</param>
public sealed record TeamBalance(string Team, int Officers, int Attended, double? Gini);
