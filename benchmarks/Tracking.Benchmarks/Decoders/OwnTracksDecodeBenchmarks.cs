using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.OwnTracks;

namespace Tracking.Benchmarks.Decoders;

/// <summary>
/// OwnTracks location decode + validate per message (no allocation beyond the Fix), beside the obvious way to do it,
/// <see cref="JsonSerializer"/> into a DTO then mapped to a Fix, as the baseline. Payloads: an iOS location as Traccar captured it
/// (OwnTracksProtocolDecoderTest.java), and an Android extended-data location (owntracks/android fixtures/location_with_created_at.json),
/// with the time moved to the benchmark's clock.
/// </summary>
[MemoryDiagnoser]
public class OwnTracksDecodeBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);
    private readonly List<Fix> _fixes = new(4);
    private readonly List<Rejection> _rejections = new(4);
    private readonly FixValidator _validator = new(new FixValidationOptions());
    private readonly DecodeContext _context = new("jane.phone", Now);
    private byte[] _payload = [];

    [Params("ios", "android-extended")]
    public string Payload { get; set; } = "ios";

    [GlobalSetup]
    public void Setup()
    {
        _payload = Encoding.UTF8.GetBytes(Payload == "ios"
            ? """{"cog":271,"lon":-1.1398456,"acc":5,"vel":61,"vac":21,"lat":52.6369012,"tst":1763999990,"alt":167,"_type":"location","tid":"JJ","t":"u","batt":67}"""
            : """{"_type":"location","BSSID":"00:13:10:85:fe:01","SSID":"AndroidWifi","acc":5,"alt":50,"batt":100,"bs":0,"conn":"w","created_at":1763999999,"lat":52.6369012,"lon":-1.1398456,"m":1,"randomId":9302,"tid":"aa","tst":1763999990,"vac":0,"vel":0,"inregions":["Mansfield Road"]}""");
    }

    [Benchmark]
    public Fix Tracking_decoder_and_validator()
    {
        _fixes.Clear();
        _rejections.Clear();
        OwnTracksDecoder.Decode(_payload, _context, _fixes, _rejections);
        var fix = _fixes[0];
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    [Benchmark(Baseline = true)]
    public Fix JsonSerializer_dto_then_validator()
    {
        var dto = JsonSerializer.Deserialize<LocationDto>(_payload)!;
        if (dto.Type != "location" || dto.Lat is not { } lat || dto.Lon is not { } lon || dto.Tst is not { } tst)
        {
            throw new InvalidOperationException("not a location");
        }

        var fix = new Fix
        {
            DeviceId = _context.DeviceId,
            DeviceTime = DateTimeOffset.FromUnixTimeSeconds(tst),
            Latitude = lat,
            Longitude = lon,
            Speed = dto.Vel / 3.6,
            Heading = dto.Cog,
            Accuracy = dto.Acc,
            Altitude = dto.Alt,
            Battery = dto.Batt,
            Source = FixSource.OwnTracks,
            ReceivedAt = Now,
        };
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    public sealed class LocationDto
    {
        [JsonPropertyName("_type")]
        public string? Type { get; set; }

        [JsonPropertyName("lat")]
        public double? Lat { get; set; }

        [JsonPropertyName("lon")]
        public double? Lon { get; set; }

        [JsonPropertyName("tst")]
        public long? Tst { get; set; }

        [JsonPropertyName("acc")]
        public double? Acc { get; set; }

        [JsonPropertyName("alt")]
        public double? Alt { get; set; }

        [JsonPropertyName("vel")]
        public double? Vel { get; set; }

        [JsonPropertyName("cog")]
        public double? Cog { get; set; }

        [JsonPropertyName("batt")]
        public double? Batt { get; set; }
    }
}
