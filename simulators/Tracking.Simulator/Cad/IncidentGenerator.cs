using System.Globalization;
using Tracking.Core.Geo.Maps;
using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>
/// Raises incidents as a Poisson process whose rate follows an <see cref="IncidentProfile"/> (drawn by thinning: candidate
/// arrivals at the profile's top rate, each kept with probability rate(t) ÷ top rate), each with a grade by the profile's
/// mix, a type of that grade, and a place: a point on a road of the map (main roads less often than streets), with a
/// house number for the address. Seeded: the same seed and start give the same incidents. Not thread-safe.
/// </summary>
internal sealed class IncidentGenerator
{
    private readonly Random _random;
    private readonly IncidentProfile _profile;
    private readonly RoadNetwork _network;
    private readonly string _idPrefix;
    private DateTimeOffset _next;
    private int _count;

    public IncidentGenerator(IncidentProfile profile, RoadNetwork network, int seed, DateTimeOffset start)
    {
        _profile = profile;
        _network = network;
        _random = new Random(seed);
        // Ids unique to the run's start, so a second demo against the same server does not update the first one's incidents.
        _idPrefix = "INC-" + start.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture) + "-";
        _next = start;
        Draw();
    }

    public IncidentProfile Profile => _profile;

    /// <summary>The incidents raised after the previous call, up to and including <paramref name="now"/>.</summary>
    public void RaiseUntil(DateTimeOffset now, List<SimIncident> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        while (_next <= now)
        {
            var at = _next;
            var keep = _random.NextDouble() < _profile.IncidentsPerHour(at) / _profile.MaxIncidentsPerHour;
            if (keep)
            {
                raised.Add(Create(at, PickType(at)));
            }

            Draw();
        }
    }

    /// <summary>An incident of the given type now, at a place of the generator's choosing (or at <paramref name="road"/>).</summary>
    public SimIncident Create(DateTimeOffset at, IncidentType type, RoadPosition? road = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var position = road ?? PickPlace();
        var (longitude, latitude) = _network.LonLat(position);
        var street = _network.Graph.Roads[_network.Graph.RoadOf(position.Edge)].Name ?? "unnamed road";
        var address = string.Create(CultureInfo.InvariantCulture, $"{_random.Next(1, 180)} {street}");
        _count++;
        var id = _idPrefix + _count.ToString("D4", CultureInfo.InvariantCulture);
        return new SimIncident(id, type, position, Math.Round(longitude, 7), Math.Round(latitude, 7), address, at);
    }

    private void Draw()
    {
        var hours = -Math.Log(1 - _random.NextDouble()) / Math.Max(_profile.MaxIncidentsPerHour, 1e-9);
        _next += TimeSpan.FromSeconds(Math.Max(1, Math.Round(hours * 3600)));
    }

    private IncidentType PickType(DateTimeOffset at)
    {
        var (one, two, _) = IncidentProfile.GradeMix(at);
        var draw = _random.NextDouble();
        var grade = draw < one ? 1 : draw < one + two ? 2 : 3;
        var types = IncidentCatalogue.Types.Where(t => t.Grade == grade).ToList();
        var pick = _random.NextDouble() * types.Sum(t => t.Weight);
        foreach (var type in types)
        {
            pick -= type.Weight;
            if (pick < 0)
            {
                return type;
            }
        }

        return types[^1];
    }

    private RoadPosition PickPlace()
    {
        // Callers live on streets: a point on a motorway or trunk road is kept one time in five.
        while (true)
        {
            var position = _network.RandomPosition(_random);
            var road = _network.Graph.Roads[_network.Graph.RoadOf(position.Edge)];
            if (road.Class is not (RoadClass.Motorway or RoadClass.Trunk) || _random.NextDouble() < 0.2)
            {
                return position;
            }
        }
    }
}
