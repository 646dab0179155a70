using System.Globalization;
using Tracking.Core.Dispatch;
using Tracking.Core.Geo.Maps;
using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// Builds the simulated force from a seed: vehicles spread over the stations (response cars, vans, armed response
/// vehicles, dog units, motorcycles), foot patrols and PCSOs each on a beat of their own, officers with collar numbers,
/// accreditations and radios, devices, and the duty rota. Vehicles are crewed round the clock in three eight-hour shifts
/// (07–15, 15–23, 23–07 UTC), three crews taking turns; foot units work 08–16 and 16–24 UTC. The same seed and options
/// always give the same plan. Pure and thread-safe.
/// </summary>
internal static class FleetBuilder
{
    private static readonly string[] FirstNames =
    [
        "Jane", "Amir", "Priya", "Tom", "Sophie", "Daniel", "Aisha", "Connor", "Megan", "Ravi", "Chloe", "Jack", "Hannah",
        "Imran", "Lucy", "Owen", "Zara", "Liam", "Grace", "Sanjay", "Ellie", "Marcus", "Fatima", "Ben", "Olivia", "Kieran",
        "Nadia", "Sam", "Rachel", "Deepak", "Laura", "Michael", "Anika", "James", "Holly", "Rob",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Patel", "Jones", "Khan", "Taylor", "Brown", "Mistry", "Wilson", "Evans", "Chauhan", "Walker", "Wright",
        "Hussain", "Robinson", "Thompson", "Parmar", "White", "Hughes", "Edwards", "Green", "Lewis", "Hall", "Begum",
        "Clarke", "Jackson", "Wood", "Shah", "Turner", "Hill", "Moore",
    ];

    private static readonly (int Start, int Hours, string Name)[] VehicleShifts = [(7, 8, "early"), (15, 8, "late"), (23, 8, "night")];

    private static readonly (int Start, int Hours, string Name)[] FootShifts = [(8, 8, "early"), (16, 8, "late")];

    public static FleetPlan Build(ForceMap map, IReadOnlyList<BeatArea> beats, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(beats);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Vehicles);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Foot);
        if (map.Stations.Count == 0)
        {
            throw new ArgumentException($"The map '{map.Name}' has no stations: units start and end their shifts at one.", nameof(map));
        }

        var random = new Random(options.Seed);
        var units = new List<UnitPlan>();
        var officers = new List<OfficerPlan>();
        var devices = new List<DevicePlan>();
        var collars = new HashSet<int>();
        var registrations = new HashSet<string>(StringComparer.Ordinal);
        var nextIssi = 2_001_000 + random.Next(0, 900) * 10;

        // Stations with more beats get more vehicles; a station with no beats still gets its share of one.
        var stations = map.Stations.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var weights = stations.Select(s => 1 + beats.Count(b => b.Beat.Station == s.Id)).ToArray();
        var teams = stations.ToDictionary(s => s.Id, s => beats.Where(b => b.Beat.Station == s.Id && b.Beat.Team is not null)
            .Select(b => b.Beat.Team!).Order(StringComparer.Ordinal).FirstOrDefault() ?? s.Name.Split(' ')[0]);

        var types = VehicleTypes(options.Vehicles, random);
        var counters = new Dictionary<UnitType, int>();
        for (var i = 0; i < options.Vehicles; i++)
        {
            var type = types[i];
            var station = stations[Pick(weights, random)];
            var (id, callSign) = Name(type, counters);
            var team = teams[station.Id];
            var crews = new List<IReadOnlyList<string>>();
            for (var crew = 0; crew < 3; crew++)
            {
                var size = type is UnitType.Motorcycle or UnitType.DogUnit ? 1 : random.NextDouble() < 0.6 ? 2 : 1;
                var members = new List<string>();
                for (var m = 0; m < size; m++)
                {
                    var officer = NewOfficer(random, collars, type, team, station.Id, options.From, (nextIssi++).ToString(CultureInfo.InvariantCulture), pcso: false);
                    officers.Add(officer);
                    members.Add(officer.Id);
                }

                crews.Add(members);
            }

            var protocol = random.NextDouble() < options.NmeaShare ? DeviceProtocol.Nmea : DeviceProtocol.NativeJson;
            var registration = Registration(random, registrations);
            var tracker = new DevicePlan("veh-" + id, DeviceKind.VehicleTracker, registration, protocol, 5);
            devices.Add(tracker);
            units.Add(new UnitPlan(id, callSign, type, station.Id, team, tracker, registration, null, null, crews));
        }

        // Foot units: each on its own beat while beats last, those with streets to walk first.
        var footBeats = beats.Where(b => b.HasStreets).OrderBy(_ => random.Next()).Concat(beats.Where(b => !b.HasStreets).OrderBy(_ => random.Next())).ToList();
        for (var i = 0; i < options.Foot && footBeats.Count > 0; i++)
        {
            var beat = footBeats[i % footBeats.Count];
            var type = random.NextDouble() < 0.5 ? UnitType.Pcso : UnitType.FootPatrol;
            var (id, callSign) = Name(type, counters);
            var station = beat.Beat.Station ?? stations[0].Id;
            var team = beat.Beat.Team ?? teams.GetValueOrDefault(station, "Neighbourhood");
            var crews = new List<IReadOnlyList<string>>();
            for (var crew = 0; crew < FootShifts.Length; crew++)
            {
                var size = type == UnitType.FootPatrol && random.NextDouble() < 0.4 ? 2 : 1;
                var members = new List<string>();
                for (var m = 0; m < size; m++)
                {
                    var officer = NewOfficer(random, collars, type, team, station, options.From, (nextIssi++).ToString(CultureInfo.InvariantCulture), pcso: type == UnitType.Pcso);
                    officers.Add(officer);
                    members.Add(officer.Id);
                }

                crews.Add(members);
            }

            DevicePlan? phone = null;
            if (random.NextDouble() < options.PhoneShare)
            {
                var user = id.ToLowerInvariant();
                phone = random.NextDouble() < 0.5
                    ? new DevicePlan(user + ".phone", DeviceKind.Phone, "Phone " + callSign, DeviceProtocol.OwnTracks, 15) { OwnTracksUser = user, OwnTracksDevice = "phone" }
                    : new DevicePlan("phone-" + user, DeviceKind.Phone, "Phone " + callSign, DeviceProtocol.OsmAnd, 15);
                devices.Add(phone);
            }

            units.Add(new UnitPlan(id, callSign, type, station, team, null, null, phone, beat.Beat.Id, crews));
        }

        foreach (var officer in officers)
        {
            devices.Add(new DevicePlan(officer.Radio, DeviceKind.AirwaveRadio, "Airwave " + officer.Id, DeviceProtocol.TetraLip, 30));
        }

        return new FleetPlan(units, officers, devices, Rota(units, options.From, options.To));
    }

    /// <summary>Every shift of every unit that overlaps [from, to].</summary>
    private static List<ShiftPlan> Rota(List<UnitPlan> units, DateTimeOffset from, DateTimeOffset to)
    {
        var shifts = new List<ShiftPlan>();
        var firstDay = DateOnly.FromDateTime(from.UtcDateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(to.UtcDateTime);
        foreach (var unit in units)
        {
            var pattern = unit.IsVehicle ? VehicleShifts : FootShifts;
            for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            {
                for (var k = 0; k < pattern.Length; k++)
                {
                    var (startHour, hours, name) = pattern[k];
                    var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.Zero).AddHours(startHour);
                    var end = start.AddHours(hours);
                    if (end <= from || start > to)
                    {
                        continue;
                    }

                    // The crews take turns, so each works one shift a day and a different one from day to day.
                    var crew = unit.Crews[(day.DayNumber + k) % unit.Crews.Count];
                    var id = string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}-{unit.Id}-{name}");
                    shifts.Add(new ShiftPlan(id, unit.Id, start, end, unit.Vehicle?.Id, crew));
                }
            }
        }

        return shifts;
    }

    private static UnitType[] VehicleTypes(int count, Random random)
    {
        // A typical response mix: mostly cars, some vans, a few armed response vehicles, a dog unit and a motorcycle.
        var types = new UnitType[count];
        for (var i = 0; i < count; i++)
        {
            types[i] = (i % 20) switch
            {
                2 or 12 => UnitType.ArmedResponseVehicle,
                4 or 14 or 17 => UnitType.Van,
                7 => UnitType.DogUnit,
                19 => UnitType.Motorcycle,
                _ => UnitType.ResponseCar,
            };
        }

        random.Shuffle(types);
        return types;
    }

    private static (string Id, string CallSign) Name(UnitType type, Dictionary<UnitType, int> counters)
    {
        var (code, words) = type switch
        {
            UnitType.ResponseCar => ("LR", "Lima Romeo"),
            UnitType.ArmedResponseVehicle => ("AR", "Alpha Romeo"),
            UnitType.Van => ("LV", "Lima Victor"),
            UnitType.DogUnit => ("DU", "Delta Uniform"),
            UnitType.Motorcycle => ("MC", "Mike Charlie"),
            UnitType.FootPatrol => ("FP", "Foxtrot Papa"),
            _ => ("PC", "Papa Charlie"),
        };
        var n = counters.GetValueOrDefault(type) + 10;
        counters[type] = n - 9;
        return (code + n.ToString(CultureInfo.InvariantCulture), words + " " + n.ToString(CultureInfo.InvariantCulture));
    }

    private static OfficerPlan NewOfficer(Random random, HashSet<int> collars, UnitType type, string team, string station, DateTimeOffset now, string radio, bool pcso)
    {
        int collar;
        do
        {
            collar = random.Next(1000, 10_000);
        }
        while (!collars.Add(collar));

        var rank = pcso ? "PCSO" : random.NextDouble() < 0.12 ? "Sgt" : "PC";
        var name = $"{rank} {FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        var skills = new List<Accreditation>();
        void Grant(string skill, double chance)
        {
            if (random.NextDouble() >= chance)
            {
                return;
            }

            // Most accreditations run a year or two ahead; a few lapsed recently, as happens in any force.
            var days = random.NextDouble() < 0.05 ? -random.Next(1, 60) : random.Next(30, 900);
            // A dog handler's licence is for the dog's working life: no fixed expiry.
            DateTimeOffset? expires = skill == "dogHandler" ? null : new DateTimeOffset(now.UtcDateTime.Date.AddDays(days), TimeSpan.Zero);
            skills.Add(new Accreditation(skill, expires));
        }

        if (!pcso)
        {
            Grant("firstAid", 0.9);
            Grant("advancedDriver", type is UnitType.ArmedResponseVehicle or UnitType.Motorcycle ? 1 : type is UnitType.FootPatrol ? 0.05 : 0.4);
            Grant("taser", type is UnitType.ArmedResponseVehicle ? 1 : 0.3);
            Grant("firearms", type is UnitType.ArmedResponseVehicle ? 1 : 0);
            Grant("dogHandler", type is UnitType.DogUnit ? 1 : 0);
            Grant("publicOrder", type is UnitType.Van ? 0.9 : 0.2);
        }
        else
        {
            Grant("firstAid", 0.8);
        }

        return new OfficerPlan(collar.ToString(CultureInfo.InvariantCulture), name, team, station, skills, radio);
    }

    private static string Registration(Random random, HashSet<string> taken)
    {
        const string Letters = "ABCDEFGHJKLMNOPRSTUVWXY";
        while (true)
        {
            // UK style: two letters for the area, two digits for the age, three random letters.
            var plate = string.Create(CultureInfo.InvariantCulture,
                $"{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}{random.Next(15, 26)} {Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}");
            if (taken.Add(plate))
            {
                return plate;
            }
        }
    }

    private static int Pick(int[] weights, Random random)
    {
        var total = weights.Sum();
        var draw = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            draw -= weights[i];
            if (draw < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
