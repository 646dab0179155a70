using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.WebUtilities;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.OsmAnd;

namespace Tracking.Benchmarks.Decoders;

/// <summary>
/// OsmAnd decode + validate per request, for each form Traccar Client sends: the query string of Traccar Client for Android
/// (ProtocolFormatter.kt's parameters) and the JSON body of Traccar Client 9 (preferences.dart's template). Baselines are the obvious
/// ways in ASP.NET Core: <see cref="QueryHelpers.ParseQuery(string)"/> then parsing each value, and <see cref="JsonSerializer"/> into a DTO.
/// The decoders allocate the Fix and the device id string, nothing else.
/// </summary>
[MemoryDiagnoser]
public class OsmAndDecodeBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);
    private readonly List<Fix> _fixes = new(4);
    private readonly List<Rejection> _rejections = new(4);
    private readonly FixValidator _validator = new(new FixValidationOptions());
    private string _query = "";
    private byte[] _json = [];

    [Params("query", "json")]
    public string Format { get; set; } = "query";

    [GlobalSetup]
    public void Setup()
    {
        _query = "id=862451044011234&timestamp=1763999990&lat=52.6369012&lon=-1.1398456&speed=26.08&bearing=271.5&altitude=67.2&accuracy=4.8&batt=87.0";
        _json = Encoding.UTF8.GetBytes("""{"location":{"timestamp":"2025-11-24T15:59:50.000Z","coords":{"latitude":52.6369012,"longitude":-1.1398456,"accuracy":4.8,"speed":13.42,"heading":271.5,"altitude":67.2},"is_moving":true,"odometer":1234.5,"event":"motionchange","battery":{"level":0.87,"is_charging":false},"activity":{"type":"in_vehicle"},"extras":{},"_":"&id=48241179&lat=52.6369012&lon=-1.1398456&timestamp=2025-11-24T15:59:50.000Z&"},"device_id":"48241179"}""");
    }

    [Benchmark]
    public Fix Tracking_decoder_and_validator()
    {
        _fixes.Clear();
        _rejections.Clear();
        if (Format == "query")
        {
            OsmAndDecoder.DecodeQuery(_query, Now, OsmAndSpeedUnit.Knots, _fixes, _rejections, out _);
        }
        else
        {
            OsmAndDecoder.DecodeJson(_json, Now, _fixes, _rejections, out _);
        }

        var fix = _fixes[0];
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    [Benchmark(Baseline = true)]
    public Fix Framework_parser_then_validator()
    {
        var fix = Format == "query" ? FromQueryHelpers() : FromJsonSerializer();
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    private Fix FromQueryHelpers()
    {
        var query = QueryHelpers.ParseQuery(_query);
        return new Fix
        {
            DeviceId = query["id"].ToString(),
            DeviceTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["timestamp"].ToString(), CultureInfo.InvariantCulture)),
            Latitude = Number(query["lat"]),
            Longitude = Number(query["lon"]),
            Speed = Number(query["speed"]) * 1852 / 3600,
            Heading = Number(query["bearing"]),
            Altitude = Number(query["altitude"]),
            Accuracy = Number(query["accuracy"]),
            Battery = Number(query["batt"]),
            Source = FixSource.OsmAnd,
            ReceivedAt = Now,
        };

        static double Number(Microsoft.Extensions.Primitives.StringValues value) => double.Parse(value.ToString(), CultureInfo.InvariantCulture);
    }

    private Fix FromJsonSerializer()
    {
        var body = JsonSerializer.Deserialize<BodyDto>(_json)!;
        var location = body.Location!;
        var coords = location.Coords!;
        return new Fix
        {
            DeviceId = body.DeviceId!,
            DeviceTime = location.Timestamp!.Value.ToUniversalTime(),
            Latitude = coords.Latitude,
            Longitude = coords.Longitude,
            Speed = coords.Speed,
            Heading = coords.Heading,
            Altitude = coords.Altitude,
            Accuracy = coords.Accuracy,
            Battery = location.Battery?.Level * 100,
            Source = FixSource.OsmAnd,
            ReceivedAt = Now,
        };
    }

    public sealed class BodyDto
    {
        [JsonPropertyName("location")]
        public LocationDto? Location { get; set; }

        [JsonPropertyName("device_id")]
        public string? DeviceId { get; set; }
    }

    public sealed class LocationDto
    {
        [JsonPropertyName("timestamp")]
        public DateTimeOffset? Timestamp { get; set; }

        [JsonPropertyName("coords")]
        public CoordsDto? Coords { get; set; }

        [JsonPropertyName("battery")]
        public BatteryDto? Battery { get; set; }
    }

    public sealed class CoordsDto
    {
        [JsonPropertyName("latitude")]
        public double Latitude { get; set; }

        [JsonPropertyName("longitude")]
        public double Longitude { get; set; }

        [JsonPropertyName("accuracy")]
        public double? Accuracy { get; set; }

        [JsonPropertyName("speed")]
        public double? Speed { get; set; }

        [JsonPropertyName("heading")]
        public double? Heading { get; set; }

        [JsonPropertyName("altitude")]
        public double? Altitude { get; set; }
    }

    public sealed class BatteryDto
    {
        [JsonPropertyName("level")]
        public double? Level { get; set; }
    }
}
