using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Tracking.Core.Geo.Maps;
using Tracking.Core.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>Beats and priority locations as GeoJSON features, with the properties of maps/README.md.</summary>
internal static class LocationFeatures
{
    /// <summary>JSON options that read and write NetTopologySuite geometries and features as GeoJSON.</summary>
    public static JsonSerializerOptions GeoJson { get; } = Create();

    public static Feature ToFeature(Beat beat) => new(beat.Area, new AttributesTable
    {
        { "kind", AreaKeys.BeatKind },
        { "id", beat.Id },
        { "name", beat.Name },
        { "team", beat.Team },
        { "station", beat.Station },
    });

    public static Feature ToFeature(PriorityLocation location) => new(location.Shape, new AttributesTable
    {
        { "kind", AreaKeys.LocationKind },
        { "id", location.Id },
        { "name", location.Name },
        { "radius", location.IsCircle ? location.RadiusMetres : null },
        { "visitsPerDay", location.Targets.VisitsPerDay },
        { "minutesPerDay", location.Targets.MinutesPerDay },
        { "beat", location.BeatId },
        { "validFrom", location.ValidFrom == DateTimeOffset.MinValue ? null : location.ValidFrom },
        { "validTo", location.ValidTo },
    });

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
