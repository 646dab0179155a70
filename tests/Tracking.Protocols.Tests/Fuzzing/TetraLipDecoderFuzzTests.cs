using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.TetraLip;
using Tracking.Protocols.Tests.TetraLip;

namespace Tracking.Protocols.Tests.Fuzzing;

public sealed class TetraLipDecoderFuzzTests
{
    // Seeds: the real PEI captures quoted in TetraLipDecoderTests (SvxLink's TetraLib.h), as hex text and as bytes, and
    // built reports of every shape and velocity type the decoder reads, so that mutations reach each of its paths.
    // The fuzzer's receive time is 2026-11-25T18:00Z: the built times of position are on the 25th.
    private static readonly string[] RealHex =
    [
        "0A0088BD4247F737FFE810",
        "0A112853A9FF4D4FFFE810",
        "0A0BA7D5B95BC50AFFE16",
        "0A4E73DDA841F55809493CC081",
    ];

    private static readonly BitWriter[] Built =
    [
        LipPdu.Short(),
        LipPdu.Short(timeElapsed: 3, positionError: 7, velocity: 127, direction: 15, additionalData: 2),
        LipPdu.Short(longitude: LipPdu.LongitudeCode(-118.2437), latitude: LipPdu.LatitudeCode(34.0522)),
        new LongReport { Time = LongReport.TimeOfPosition(25, 17, 59, 30), Shape = 5, ShapeFields = w => w.Bits(9, 6).Bits(0, 1).Bits(272, 11), Velocity = LongReport.VelocityWithDirection(50, 200) }.Build(),
        new LongReport { Time = LongReport.TimeElapsed(1), Shape = 8, ShapeFields = w => w.Bits(12, 6).Bits(6, 6).Bits(30, 8).Bits(0, 1).Bits(300, 11).Bits(2, 3).Bits(4, 3), Velocity = w => w.Bits(7, 3).Bits(40, 7).Bits(1, 3).Bits(3, 8).Bits(1, 3).Bits(96, 8).Bits(2, 3), AdditionalData = 2 }.Build(),
        new LongReport { Shape = 3, ShapeFields = w => w.Bits(20, 6).Bits(10, 6).Bits(64, 8).Bits(7, 3), Velocity = w => w.Bits(4, 3).Bits(30, 7).Bits(1, 3).Bits(5, 8).Bits(1, 3) }.Build(),
        new LongReport { Shape = 10, ShapeFields = w => w.Bits(1, 3), Velocity = w => w.Bits(2, 3).Bits(28, 7).Bits(2, 3), AcknowledgementRequest = 1, Trailer = w => w.Bits(0x5A, 8) }.Build(),
    ];

    private static readonly byte[][] Seeds =
    [
        .. RealHex.Select(Encoding.ASCII.GetBytes),
        .. RealHex.Select(hex => Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0")),
        .. Built.Select(pdu => pdu.ToBytes()),
        .. Built.Select(pdu => LipPdu.WithProtocolIdentifier(pdu).ToBytes()),
        .. Built.Select(pdu => Encoding.ASCII.GetBytes(pdu.ToHex())),
        .. Built.Select(pdu => Encoding.ASCII.GetBytes(LipPdu.WithProtocolIdentifier(pdu).ToHex().ToLowerInvariant())),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_payloads_give_a_fix_or_a_named_rejection_never_an_exception(int seed)
    {
        var decoded = DecoderFuzzer.Run(TetraLipDecoder.Decode, Seeds, seed);

        Assert.True(decoded > 0, "no mutated input decoded at all: the mutations are too destructive to test the decoding paths");
    }

    [Fact]
    public void Every_seed_decodes_to_a_fix()
    {
        var context = new DecodeContext("fuzz-1", new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero));
        foreach (var seed in Seeds)
        {
            var fixes = new List<Fix>();
            var rejections = new List<Rejection>();

            TetraLipDecoder.Decode(seed, context, fixes, rejections);

            Assert.Empty(rejections);
            Assert.Single(fixes);
        }
    }
}
