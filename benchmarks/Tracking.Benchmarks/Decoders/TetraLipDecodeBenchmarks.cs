using System.Text;
using BenchmarkDotNet.Attributes;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.TetraLip;

namespace Tracking.Benchmarks.Decoders;

/// <summary>
/// TETRA LIP decode + validate per report (goal: ≥ 5,000,000 reports/s on one core, no allocation beyond the Fix), for the
/// short report (76 bits) and a long report (time of position, circle with altitude, velocity with direction), each as
/// the bytes a gateway forwards and as the hex text a radio's PEI prints, led by the protocol identifier 0x0A.
/// 256 reports around Leicester from a seeded random, cycled so no single payload is learned by the branch predictor.
/// The baseline is the way public LIP decoders do it: the PDU as a string of '0'/'1' characters, each field parsed with
/// <see cref="Convert.ToInt32(string, int)"/>.
/// </summary>
[MemoryDiagnoser]
public class TetraLipDecodeBenchmarks
{
    private const int PayloadCount = 256;
    private static readonly DateTimeOffset Now = new(2025, 11, 24, 16, 0, 0, TimeSpan.Zero);
    private readonly List<Fix> _fixes = new(4);
    private readonly List<Rejection> _rejections = new(4);
    private readonly FixValidator _validator = new(new FixValidationOptions());
    private readonly DecodeContext _context = new("2350017", Now);
    private byte[][] _payloads = [];
    private int _next;

    [Params("short", "long")]
    public string Report { get; set; } = "short";

    [Params("binary", "hex")]
    public string Framing { get; set; } = "binary";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _payloads = new byte[PayloadCount][];
        for (var i = 0; i < PayloadCount; i++)
        {
            var longitude = (long)Math.Round((-1.1398 + ((random.NextDouble() - 0.5) * 0.2)) * (1 << 25) / 360);
            var latitude = (long)Math.Round((52.6369 + ((random.NextDouble() - 0.5) * 0.2)) * (1 << 24) / 180);
            var velocity = random.Next(0, 80);
            var bytes = Report == "short"
                ? Pack(
                    (0x0A, 8),                      // protocol identifier
                    (0, 2),                         // PDU type: short location report
                    (0, 2),                         // time elapsed: < 5 s
                    (longitude, 25),                // longitude
                    (latitude, 24),                 // latitude
                    (1, 3),                         // position error: < 20 m
                    (velocity, 7),                  // horizontal velocity
                    (random.Next(0, 16), 4),        // direction of travel
                    (0, 1),                         // type of additional data: reason for sending
                    (129, 8))                       // maximum reporting interval exceeded
                : Pack(
                    (0x0A, 8),                      // protocol identifier
                    (1, 2),                         // PDU type: with extension
                    (3, 4),                         // long location report
                    (2, 2),                         // time type: time of position
                    (24, 5), (15, 5), (59, 6), (random.Next(0, 60), 6),   // day, hour, minute, second
                    (5, 4),                         // location shape: circle with altitude
                    (longitude, 25),                // longitude
                    (latitude, 24),                 // latitude
                    (random.Next(0, 20), 6),        // horizontal position uncertainty
                    (0, 1),                         // altitude type: WGS84
                    (random.Next(250, 300), 11),    // location altitude
                    (5, 3),                         // velocity type: horizontal velocity with direction of travel extended
                    (velocity, 7),                  // horizontal velocity
                    (random.Next(0, 256), 8),       // direction of travel extended
                    (0, 1),                         // acknowledgement request
                    (0, 1),                         // type of additional data: reason for sending
                    (129, 8));                      // maximum reporting interval exceeded
            _payloads[i] = Framing == "binary" ? bytes : Encoding.ASCII.GetBytes(Convert.ToHexString(bytes));
        }
    }

    [Benchmark]
    public Fix Tracking_decoder_and_validator()
    {
        var payload = _payloads[_next++ & (PayloadCount - 1)];
        _fixes.Clear();
        _rejections.Clear();
        TetraLipDecoder.Decode(payload, _context, _fixes, _rejections);
        var fix = _fixes[0];
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    [Benchmark(Baseline = true)]
    public Fix Bit_string_decoder_then_validator()
    {
        var payload = _payloads[_next++ & (PayloadCount - 1)];
        var bytes = Framing == "hex" ? Convert.FromHexString(Encoding.ASCII.GetString(payload)) : payload;
        var bits = string.Concat(bytes.Select(b => Convert.ToString(b, 2).PadLeft(8, '0')));
        var reader = new BitStringReader(bits, 8);
        var fix = Report == "short" ? ShortFromBits(reader) : LongFromBits(reader);
        return _validator.Validate(fix, Now) is null ? fix : throw new InvalidOperationException("rejected");
    }

    private Fix ShortFromBits(BitStringReader bits)
    {
        bits.Take(2);
        bits.Take(2);
        var longitude = bits.TakeSigned(25) * 360.0 / (1 << 25);
        var latitude = bits.TakeSigned(24) * 180.0 / (1 << 24);
        var error = bits.Take(3);
        var velocity = bits.Take(7);
        var direction = bits.Take(4);
        bits.Take(1);
        var reason = bits.Take(8);
        return new Fix
        {
            DeviceId = _context.DeviceId,
            DeviceTime = Now,
            Latitude = latitude,
            Longitude = longitude,
            Speed = Kmh(velocity) / 3.6,
            Heading = direction * 22.5,
            Accuracy = 2 * Math.Pow(10, error),
            Emergency = reason == 2,
            Source = FixSource.TetraLip,
            ReceivedAt = Now,
        };
    }

    private Fix LongFromBits(BitStringReader bits)
    {
        bits.Take(2);
        bits.Take(4);
        bits.Take(2);
        var day = bits.Take(5);
        var hour = bits.Take(5);
        var minute = bits.Take(6);
        var second = bits.Take(6);
        bits.Take(4);
        var longitude = bits.TakeSigned(25) * 360.0 / (1 << 25);
        var latitude = bits.TakeSigned(24) * 180.0 / (1 << 24);
        var uncertainty = bits.Take(6);
        bits.Take(1);
        var altitude = bits.Take(11);
        bits.Take(3);
        var velocity = bits.Take(7);
        var direction = bits.Take(8);
        bits.Take(2);
        var reason = bits.Take(8);
        return new Fix
        {
            DeviceId = _context.DeviceId,
            DeviceTime = new DateTimeOffset(Now.Year, Now.Month, day, hour, minute, second, TimeSpan.Zero),
            Latitude = latitude,
            Longitude = longitude,
            Speed = Kmh(velocity) / 3.6,
            Heading = direction * 360.0 / 256,
            Accuracy = (2 * Math.Pow(1.2, uncertainty + 5)) - 4,
            Altitude = altitude - 201,
            Emergency = reason == 2,
            Source = FixSource.TetraLip,
            ReceivedAt = Now,
        };
    }

    private static double Kmh(int code) => code <= 28 ? code : 16 * Math.Pow(1.038, code - 13);

    private static byte[] Pack(params (long Value, int Width)[] fields)
    {
        var text = new StringBuilder();
        foreach (var (value, width) in fields)
        {
            text.Append(Convert.ToString(value & ((1L << width) - 1), 2).PadLeft(width, '0'));
        }

        var bytes = new byte[(text.Length + 7) / 8];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '1')
            {
                bytes[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return bytes;
    }

    /// <summary>The baseline's reader: substrings of a '0'/'1' string parsed in base 2.</summary>
    private sealed class BitStringReader(string bits, int position)
    {
        private int _position = position;

        public int Take(int width)
        {
            var value = Convert.ToInt32(bits.Substring(_position, width), 2);
            _position += width;
            return value;
        }

        public int TakeSigned(int width)
        {
            var value = Take(width);
            return value >= 1 << (width - 1) ? value - (1 << width) : value;
        }
    }
}
