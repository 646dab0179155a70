using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace Tracking.MapGenerator.Tests;

/// <summary>A map directory's layers read back with the GeoJSON library, to check what the files say.</summary>
internal sealed class MapFiles
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    private MapFiles(string directory)
    {
        Directory = directory;
        Beats = Read("beats.geojson");
        Locations = Read("locations.geojson");
        Stations = Read("stations.geojson");
        Roads = Read("roads.geojson");
        Water = Read("water.geojson");
    }

    public string Directory { get; }

    public IReadOnlyList<IFeature> Beats { get; }

    public IReadOnlyList<IFeature> Locations { get; }

    public IReadOnlyList<IFeature> Stations { get; }

    public IReadOnlyList<IFeature> Roads { get; }

    public IReadOnlyList<IFeature> Water { get; }

    public static MapFiles Load(string directory) => new(directory);

    private List<IFeature> Read(string file)
    {
        var json = File.ReadAllText(Path.Combine(Directory, file));
        var collection = JsonSerializer.Deserialize<FeatureCollection>(json, Options)
            ?? throw new InvalidDataException($"{file} is not a FeatureCollection.");
        return [.. collection];
    }
}
