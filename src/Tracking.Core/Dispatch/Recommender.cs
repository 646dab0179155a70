using Tracking.Core.Geo;
using Tracking.Core.Geo.Routing;

namespace Tracking.Core.Dispatch;

/// <summary>
/// Picks the nearest available units for an incident, per the design's rule: candidates are on
/// duty, Available, with a position no older than <see cref="RecommenderOptions.StaleAfter"/>,
/// every required skill valid at the request time, and the vehicle type asked for, if any; they
/// are ranked by estimated time to arrive, over the road network when one is loaded, otherwise
/// straight-line distance × <see cref="RecommenderOptions.DetourFactor"/> ÷ the unit type's speed.
/// </summary>
/// <remarks>
/// <para>
/// The live index narrows the search first: the <see cref="RecommenderOptions.Candidates"/>
/// eligible units nearest by straight line are the only ones timed (see that option for the
/// trade-off). Eligible units beyond them are neither offered nor listed as excluded.
/// </para>
/// <para>
/// Pure: no clock (the request carries its time) and no I/O. Thread-safe: any number of requests
/// may run at once, provided nobody changes the unit dictionary while one reads it (hand each
/// request a snapshot of the units, or guard the dictionary).
/// </para>
/// </remarks>
public sealed class Recommender
{
    private readonly MapProjection _projection;
    private readonly RecommenderOptions _options;
    private readonly TravelTimes? _travelTimes;

    /// <param name="projection">The plane the unit positions and the index are in.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="roads">The road network, or null to estimate by straight line.</param>
    public Recommender(MapProjection projection, RecommenderOptions? options = null, RoadGraph? roads = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        _projection = projection;
        _options = options ?? new RecommenderOptions();
        _options.Validate();
        if (roads is not null)
        {
            if (!ReferenceEquals(roads.Projection, projection) && roads.Projection.Name != projection.Name)
            {
                throw new ArgumentException(
                    $"The road network is in {roads.Projection.Name} but the units are in {projection.Name}: build both in the map's projection.",
                    nameof(roads));
            }

            _travelTimes = new TravelTimes(roads, _options.Routing);
        }
    }

    /// <summary>How this recommender estimates times.</summary>
    public EtaBasis Basis => _travelTimes is null ? EtaBasis.StraightLine : EtaBasis.RoadNetwork;

    /// <summary>The settings in use.</summary>
    public RecommenderOptions Options => _options;

    /// <summary>
    /// The <paramref name="count"/> fastest eligible units for <paramref name="request"/>, and,
    /// with <paramref name="explain"/>, every other unit of <paramref name="units"/> and why it
    /// was not offered.
    /// </summary>
    /// <param name="request">The incident.</param>
    /// <param name="units">Every unit by id: status, rota, skills and position.</param>
    /// <param name="index">The live index holding the same units' positions (kept in step with <paramref name="units"/> by the caller).</param>
    /// <param name="count">How many to offer at most.</param>
    /// <param name="explain">Whether to list the units not offered.</param>
    public RecommendationResult Recommend(
        IncidentRequest request,
        IReadOnlyDictionary<string, UnitSnapshot> units,
        UnitPositionIndex index,
        int count,
        bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var (incidentX, incidentY) = _projection.Project(request.Longitude, request.Latitude);
        var nearest = new NearestUnit[_options.Candidates];
        var found = index.Nearest(
            incidentX,
            incidentY,
            nearest.Length,
            indexed => units.TryGetValue(indexed.UnitId, out var unit) && Exclusion(unit, request) is null,
            nearest);

        var candidates = new UnitSnapshot[found];
        for (var i = 0; i < found; i++)
        {
            candidates[i] = units[nearest[i].Unit.UnitId];
        }

        var offered = new List<Recommendation>(found);
        var unreachable = new List<UnitExclusion>();
        if (_travelTimes is null)
        {
            foreach (var unit in candidates)
            {
                var position = unit.Position!.Value;
                var distance = Math.Sqrt(Square(position.X - incidentX) + Square(position.Y - incidentY));
                var eta = distance * _options.DetourFactor / _options.SpeedOf(unit.Type);
                offered.Add(Offer(unit, distance, eta));
            }
        }
        else
        {
            var points = new (double X, double Y)[found];
            for (var i = 0; i < found; i++)
            {
                var position = candidates[i].Position!.Value;
                points[i] = (position.X, position.Y);
            }

            var times = new TravelTime?[found];
            _travelTimes.Compute(incidentX, incidentY, points, times);
            for (var i = 0; i < found; i++)
            {
                var unit = candidates[i];
                if (times[i] is not { } time)
                {
                    unreachable.Add(new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.Unreachable));
                    continue;
                }

                // Vehicles drive at each road's speed; walkers cover the same route at their own pace.
                var eta = _options.OnFoot.Contains(unit.Type) ? time.TotalMetres / _options.SpeedOf(unit.Type) : time.Seconds;
                offered.Add(Offer(unit, time.TotalMetres, eta));
            }
        }

        offered.Sort(static (a, b) =>
        {
            var byEta = a.EtaSeconds.CompareTo(b.EtaSeconds);
            if (byEta != 0)
            {
                return byEta;
            }

            var byDistance = a.DistanceMetres.CompareTo(b.DistanceMetres);
            return byDistance != 0 ? byDistance : string.CompareOrdinal(a.UnitId, b.UnitId);
        });
        if (offered.Count > count)
        {
            offered.RemoveRange(count, offered.Count - count);
        }

        if (!explain)
        {
            return new RecommendationResult(offered, [], Basis);
        }

        var excluded = unreachable;
        foreach (var unit in units.Values)
        {
            if (Exclusion(unit, request) is { } exclusion)
            {
                excluded.Add(exclusion);
            }
        }

        excluded.Sort(static (a, b) => string.CompareOrdinal(a.UnitId, b.UnitId));
        return new RecommendationResult(offered, excluded, Basis);
    }

    /// <summary>
    /// Why <paramref name="unit"/> may not be offered for <paramref name="request"/>, or null when
    /// it is eligible. The first failing rule wins: rota, status, vehicle type, skills, position.
    /// </summary>
    public UnitExclusion? Exclusion(UnitSnapshot unit, IncidentRequest request)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(request);
        if (!unit.OnDuty)
        {
            return new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.OffDuty);
        }

        if (unit.Status != UnitStatus.Available)
        {
            return new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.NotAvailable) { Status = unit.Status };
        }

        if (request.VehicleType is { } wanted && unit.Type != wanted)
        {
            return new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.WrongVehicleType);
        }

        foreach (var skill in request.RequiredSkills)
        {
            if (!unit.Skills.TryGetValue(skill, out var expiry))
            {
                return new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.MissingSkill) { Skill = skill };
            }

            // Valid strictly before its expiry.
            if (expiry is { } expires && expires <= request.Now)
            {
                return new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.ExpiredSkill) { Skill = skill };
            }
        }

        if (unit.Position is null || unit.PositionTime is null)
        {
            return new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.NoPosition);
        }

        var age = request.Now - unit.PositionTime.Value;
        if (age > _options.StaleAfter)
        {
            return new UnitExclusion(unit.UnitId, unit.CallSign, ExclusionReason.StalePosition) { Age = age };
        }

        return null;
    }

    private static Recommendation Offer(UnitSnapshot unit, double distance, double eta) =>
        new(unit.UnitId, unit.CallSign, unit.Type, distance, eta, unit.Crew, unit.Skills);

    private static double Square(double value) => value * value;
}
