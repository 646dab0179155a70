using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.Nmea;

namespace Tracking.Benchmarks.Decoders;

/// <summary>
/// NMEA 0183 decode (and decode + validate) per message (goal: ≥ 2,000,000 RMC sentences/s on one core, no allocation
/// beyond the Fix): an RMC alone, and an RMC with the GGA of the same time merged into it. The baseline beside it is the
/// obvious way, a string per message split into lines and fields and parsed with double.Parse.
/// </summary>
[MemoryDiagnoser]
public class NmeaDecodeBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000); // 2025-11-24T16:00:00Z
    private readonly List<Fix> _fixes = new(4);
    private readonly List<Rejection> _rejections = new(4);
    private readonly FixValidator _validator = new(new FixValidationOptions());
    private readonly DecodeContext _context = new("veh-1042", Now);
    private byte[] _payload = [];

    [Params("RMC", "RMC+GGA")]
    public string Message { get; set; } = "RMC";

    [GlobalSetup]
    public void Setup()
    {
        // A response car in Leicester, 52°38.214'N 1°08.388'W, 12.5 kn, at 15:59:59.50 UTC as a receiver prints it.
        var rmc = Sentence("GPRMC,155959.50,A,5238.21436,N,00108.38812,W,12.5,271.3,241125,,,A");
        var gga = Sentence("GPGGA,155959.50,5238.21436,N,00108.38812,W,1,09,0.9,67.2,M,48.6,M,,");
        _payload = Encoding.ASCII.GetBytes(Message == "RMC" ? rmc + "\r\n" : gga + "\r\n" + rmc + "\r\n");

        // Both sides must agree before they are timed.
        var ours = Tracking_decoder();
        var theirs = String_split_and_double_parse_baseline();
        if (ours.DeviceTime != theirs.DeviceTime || Math.Abs(ours.Latitude - theirs.Latitude) > 1e-9 || ours.Altitude != theirs.Altitude)
        {
            throw new InvalidOperationException($"decoders disagree: {ours} vs {theirs}");
        }
    }

    [Benchmark]
    public Fix Tracking_decoder()
    {
        _fixes.Clear();
        _rejections.Clear();
        NmeaDecoder.Decode(_payload, _context, _fixes, _rejections);
        return _fixes[0];
    }

    [Benchmark]
    public Fix Tracking_decoder_and_validator()
    {
        var fix = Tracking_decoder();
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    [Benchmark(Baseline = true)]
    public Fix String_split_and_double_parse_baseline()
    {
        var text = Encoding.ASCII.GetString(_payload);
        Fix? fix = null;
        double? altitude = null;
        int? satellites = null;
        double? hdop = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var star = line.IndexOf('*', StringComparison.Ordinal);
            var body = line[1..star];
            var checksum = 0;
            foreach (var c in body)
            {
                checksum ^= c;
            }

            if (checksum != int.Parse(line[(star + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("checksum");
            }

            var f = body.Split(',');
            if (f[0].EndsWith("GGA", StringComparison.Ordinal))
            {
                satellites = int.Parse(f[7], CultureInfo.InvariantCulture);
                hdop = double.Parse(f[8], CultureInfo.InvariantCulture);
                altitude = double.Parse(f[9], CultureInfo.InvariantCulture);
            }
            else if (f[0].EndsWith("RMC", StringComparison.Ordinal) && f[2] == "A")
            {
                var time = DateTime.ParseExact(f[9] + f[1], "ddMMyyHHmmss.FFF", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                var lat = double.Parse(f[3], CultureInfo.InvariantCulture);
                var lon = double.Parse(f[5], CultureInfo.InvariantCulture);
                fix = new Fix
                {
                    DeviceId = _context.DeviceId,
                    DeviceTime = new DateTimeOffset(time, TimeSpan.Zero),
                    Latitude = (Math.Floor(lat / 100) + (lat % 100 / 60)) * (f[4] == "S" ? -1 : 1),
                    Longitude = (Math.Floor(lon / 100) + (lon % 100 / 60)) * (f[6] == "W" ? -1 : 1),
                    Speed = double.Parse(f[7], CultureInfo.InvariantCulture) * 1852 / 3600,
                    Heading = double.Parse(f[8], CultureInfo.InvariantCulture),
                    Altitude = altitude,
                    Satellites = satellites,
                    Hdop = hdop,
                    Source = FixSource.Nmea,
                    ReceivedAt = Now,
                };
            }
        }

        // The GGA comes first in a receiver's epoch, so its values are known when the RMC's Fix is built.
        return _validator.Validate(fix!, Now) is null ? fix! : throw new InvalidOperationException("rejected");
    }

    private static string Sentence(string body)
    {
        var checksum = 0;
        foreach (var c in body)
        {
            checksum ^= c;
        }

        return $"${body}*{checksum:X2}";
    }
}
