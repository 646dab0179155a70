using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.Native;

namespace Tracking.Benchmarks.Decoders;

/// <summary>
/// Native JSON decode + validate per fix (goal: ≥ 1,000,000 fixes/s on one core, no allocation beyond the Fix),
/// beside the obvious way to do it, <see cref="JsonSerializer"/> into a DTO then mapped to a Fix, as the baseline.
/// </summary>
[MemoryDiagnoser]
public class NativeDecodeBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);
    private readonly List<Fix> _fixes = new(4);
    private readonly List<Rejection> _rejections = new(4);
    private readonly FixValidator _validator = new(new FixValidationOptions());
    private readonly DecodeContext _context = new("veh-1042", Now);
    private byte[] _payload = [];

    [Params("unix-ms", "iso-8601")]
    public string TimeFormat { get; set; } = "unix-ms";

    [GlobalSetup]
    public void Setup()
    {
        var time = TimeFormat == "unix-ms" ? "1764000000000" : "\"2025-11-24T16:00:00.000Z\"";
        _payload = Encoding.UTF8.GetBytes($$"""{"t":{{time}},"lat":52.6369012,"lon":-1.1398456,"spd":13.42,"hdg":271.5,"acc":4.8,"alt":71.2}""");
    }

    [Benchmark]
    public Fix Tracking_decoder_and_validator()
    {
        _fixes.Clear();
        _rejections.Clear();
        NativeFixDecoder.Decode(_payload, _context, _fixes, _rejections);
        var fix = _fixes[0];
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    [Benchmark(Baseline = true)]
    public Fix JsonSerializer_dto_then_validator()
    {
        var dto = JsonSerializer.Deserialize<FixDto>(_payload)!;
        var time = dto.T.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds(dto.T.GetInt64())
            : dto.T.GetDateTimeOffset();
        var fix = new Fix
        {
            DeviceId = _context.DeviceId,
            DeviceTime = time,
            Latitude = dto.Lat,
            Longitude = dto.Lon,
            Speed = dto.Spd,
            Heading = dto.Hdg,
            Accuracy = dto.Acc,
            Altitude = dto.Alt,
            Source = FixSource.Native,
            ReceivedAt = Now,
        };
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    public sealed class FixDto
    {
        [System.Text.Json.Serialization.JsonPropertyName("t")]
        public JsonElement T { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("lat")]
        public double Lat { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("lon")]
        public double Lon { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("spd")]
        public double? Spd { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("hdg")]
        public double? Hdg { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("acc")]
        public double? Acc { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("alt")]
        public double? Alt { get; set; }
    }
}
