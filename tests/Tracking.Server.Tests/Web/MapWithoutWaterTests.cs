using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Tests.Infrastructure;

namespace Tracking.Server.Tests.Web;

/// <summary>A server whose map directory has no <c>water.geojson</c>, as a force's own map may well not.</summary>
public sealed class MapWithoutWaterFixture() : MapServerFixture(new Dictionary<string, string?>());

/// <summary>A map without water imports and serves like any other: the water layer is simply empty.</summary>
public sealed class MapWithoutWaterTests(MapWithoutWaterFixture fixture) : IClassFixture<MapWithoutWaterFixture>
{
    [Fact]
    public async Task The_water_layer_of_a_map_without_water_is_an_empty_collection_and_the_other_layers_are_served()
    {
        Assert.False(File.Exists(Path.Combine(fixture.Map.Directory, "water.geojson")));

        var water = await fixture.Http.GetAsync("/api/map/water");

        Assert.Equal(HttpStatusCode.OK, water.StatusCode);
        Assert.Equal("application/geo+json", water.Content.Headers.ContentType?.MediaType);
        var collection = await water.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        Assert.Empty(collection.GetProperty("features").EnumerateArray());

        var stations = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/map/stations");
        Assert.Equal("HQ", Assert.Single(stations.GetProperty("features").EnumerateArray()).GetProperty("properties").GetProperty("id").GetString());
    }
}
