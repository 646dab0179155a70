namespace Tracking.MapGenerator;

/// <summary>
/// Invented place and street names that read like an English county: words put together at random
/// from small stocks, never repeated where a repeat would confuse. Not thread-safe.
/// </summary>
internal sealed class NameBook(SeededRandom random)
{
    private static readonly string[] StreetWords =
    [
        "Ash", "Beech", "Birch", "Cedar", "Elm", "Hazel", "Holly", "Larch", "Maple", "Oak", "Rowan", "Willow",
        "Alder", "Hawthorn", "Linden", "Poplar", "Juniper", "Laurel", "Chestnut", "Sycamore", "Abbey", "Albion",
        "Brook", "Castle", "Chapel", "Church", "Dale", "Forest", "Grange", "Green", "Hill", "King", "Manor",
        "Mill", "Priory", "Queen", "Station", "Vale", "Wharf", "Windmill", "Orchard", "Meadow", "Quarry",
        "Spinney", "Paddock", "Market", "Tudor", "Mercia", "Regent", "Stanley", "Wolsey", "Sutton", "Ferrers",
        "Latimer", "Charnwood", "Belvoir", "Rutland", "Welland", "Sence", "Wreake", "Swithland", "Bradgate",
        "Fosse", "Gartree", "Framland", "Goscote", "Sparkenhoe", "Guthlaxton", "Hastings", "Beaumont", "Danvers",
        "Hollies", "Clarendon", "Highfield", "Westfield", "Northfield", "Southfield", "Lancaster", "Tennyson",
    ];

    private static readonly string[] StreetKinds =
    [
        "Road", "Street", "Avenue", "Lane", "Crescent", "Drive", "Way", "Grove", "Walk", "Place", "Terrace",
        "Gardens", "Rise", "View", "Row",
    ];

    private static readonly string[] CentreKinds = ["Street", "Gate", "Lane", "Row", "Place", "Square", "Walk", "Yard"];

    private static readonly string[] PlaceStarts =
    [
        "Ash", "Bar", "Cos", "Kib", "Lut", "Mel", "Ross", "Shep", "Sib", "Thur", "Whet", "Ans", "Rat", "Hink",
        "Mark", "Cold", "Bot", "Fleck", "Sap", "Stap", "Kirk", "Thrus", "Wymes", "Gaul", "Skef", "Hallat",
        "Tilt", "Lowes", "Swin", "Kegs", "Nor", "Oak", "Thorn", "Elm", "Wal", "Brant",
    ];

    private static readonly string[] PlaceEnds = ["by", "ton", "well", "worth", "field", "ley", "stone", "ford", "ham", "thorpe", "wick", "stead"];

    private static readonly string[] BridgeWords =
    [
        "Soar", "Abbey", "Mill", "Castle", "Kingfisher", "Watermead", "Friars", "Swan", "Packhorse", "Heron",
        "Weir", "Ferry", "Lock", "Osier", "Meadow", "Towpath", "Wharf", "Anchor",
    ];

    private static readonly string[] DistrictNames =
    [
        "Abbeyfields", "Northgate", "Belmont", "Highcross", "Eastfield", "Spinney Rise", "Evingdale", "Knighton Vale",
        "Southmead", "Saffron Vale", "Aylesmere", "Westcroft", "Braunholme", "Newfield", "Beaumont Rise",
        "Mowbray Park", "Humberdale", "Kingsmead", "Stonebridge", "Thornleigh", "Rushey Fields", "Westleigh",
        "Goodwood Park", "Hollybank",
    ];

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>A street name not yet used within <paramref name="scope"/> (a district or town).</summary>
    public string Street(string scope, bool centre = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var kinds = centre ? CentreKinds : StreetKinds;
            var name = $"{random.Pick(StreetWords)} {random.Pick(kinds)}";
            if (attempt > 50 || _used.Add(scope + "/" + name))
            {
                return name;
            }
        }
    }

    /// <summary>A close (a dead-end street) named after a word of the street it leaves.</summary>
    public string Close(string scope) => Unique(scope, () => $"{random.Pick(StreetWords)} Close");

    /// <summary>An invented town or district name, unique in the area.</summary>
    public string Place() => Unique("place", () => random.Pick(PlaceStarts) + random.Pick(PlaceEnds));

    /// <summary>A city district's name, unique in the area: from the stock while it lasts.</summary>
    public string District()
    {
        var unused = DistrictNames.Where(name => !_used.Contains("place/" + name)).ToList();
        return unused.Count > 0 ? Unique("place", () => random.Pick(unused)) : Place();
    }

    /// <summary>A bridge's name, unique in the area.</summary>
    public string Bridge() => Unique("bridge", () => $"{random.Pick(random.Chance(0.8) ? BridgeWords : StreetWords)} Bridge");

    /// <summary>A word for naming parks, estates and schools, e.g. "Hawthorn".</summary>
    public string Word() => random.Pick(StreetWords);

    /// <summary>Any name from <paramref name="make"/> that has not been made before in <paramref name="scope"/>.</summary>
    public string Unique(string scope, Func<string> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        for (var attempt = 0; ; attempt++)
        {
            var name = make();
            if (_used.Add(scope + "/" + name))
            {
                return name;
            }

            if (attempt > 200)
            {
                var numbered = $"{name} {attempt}";
                _used.Add(scope + "/" + numbered);
                return numbered;
            }
        }
    }
}
