namespace Tracking.Core.Geo.Routing;

/// <summary>The estimated time for one candidate to reach an incident over the road network.</summary>
/// <param name="Seconds">
/// Total: the candidate's off-road distance and the incident's, both at the slow off-road speed,
/// plus the driving time along the fastest route.
/// </param>
/// <param name="RoadMetres">Length of that fastest route along the roads, metres.</param>
/// <param name="OffRoadMetres">Candidate-to-road plus road-to-incident distance, metres.</param>
public readonly record struct TravelTime(double Seconds, double RoadMetres, double OffRoadMetres)
{
    /// <summary>Road plus off-road metres.</summary>
    public double TotalMetres => RoadMetres + OffRoadMetres;
}
