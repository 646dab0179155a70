using Tracking.Server.Security;

namespace Tracking.Server.Web;

/// <summary>The live map's base layers that <c>/api/locations</c> does not give: roads, stations and water.</summary>
internal static class MapLayerEndpoints
{
    private const string GeoJsonContentType = "application/geo+json";

    public static WebApplication MapMapLayerApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/map");
        // The pages' base layers: no one's data, but not for anyone outside either.
        api.RequireAuthorization(Policies.AnyRole);

        api.MapGet("/roads", (MapLayers layers) => Results.Bytes(layers.Roads(), GeoJsonContentType))
            .WithName("GetMapRoads")
            .WithSummary("The road network of the map in use as GeoJSON LineStrings with id, name, highway (OpenStreetMap class), speed (m/s) and oneWay.")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonContentType);

        api.MapGet("/stations", (MapLayers layers) => Results.Bytes(layers.Stations(), GeoJsonContentType))
            .WithName("GetMapStations")
            .WithSummary("The police stations of the map in use as GeoJSON Points with id and name.")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonContentType);

        api.MapGet("/water", (MapLayers layers) => Results.Bytes(layers.Water(), GeoJsonContentType))
            .WithName("GetMapWater")
            .WithSummary("The rivers, canals and lakes of the map in use as GeoJSON Polygons and LineStrings with id and name; empty when the map has none.")
            .Produces(StatusCodes.Status200OK, contentType: GeoJsonContentType);

        return app;
    }
}
