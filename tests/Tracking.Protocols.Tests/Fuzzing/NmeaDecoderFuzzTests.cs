using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.Nmea;

namespace Tracking.Protocols.Tests.Fuzzing;

public sealed class NmeaDecoderFuzzTests
{
    // Seeds: the shapes an NMEA tracker sends, from the sources quoted in NmeaDecoderTests (a merged RMC+GGA epoch with
    // other sentences, an RMC alone, a GGA alone, the NMEA 4.1 form, a receiver without a fix, a built Leicester message).
    private static readonly byte[][] Seeds =
    [
        Encoding.ASCII.GetBytes(
            "$GPGGA,232348.000,3621.6309,N,13636.8487,E,1,6,1.35,190.4,M,35.1,M,,*52\r\n" +
            "$GPGSA,A,3,24,18,12,22,13,15,,,,,,,1.60,1.35,0.86*06\r\n" +
            "$GPGSV,3,3,11,14,08,283,,25,07,184,,05,03,142,*41\r\n" +
            "$GPRMC,232348.000,A,3621.6309,N,13636.8487,E,0.70,343.18,050515,,,A*64\r\n"),
        Encoding.ASCII.GetBytes("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n"),
        Encoding.ASCII.GetBytes("$GPGGA,172814.0,3723.46587704,N,12202.26957864,W,2,6,1.2,18.893,M,-25.669,M,2.0,0031*4F\r\n"),
        Encoding.ASCII.GetBytes("$GNRMC,,V,,,,,,,,,,N,V*37\n"),
        Encoding.ASCII.GetBytes("$GPRMC,,V,,,,,,,,,,N*53\r\n$GPGGA,,,,,,0,00,99.99,,,,,,*48\r\n$GPGSV,1,1,00*79\r\n"),
        Encoding.ASCII.GetBytes(
            "$GNRMC,120000.00,A,5238.214,N,00108.388,W,12.5,271.3,281126,,,A,S*10\r\n" +
            "$GPGGA,120000.00,5238.214,N,00108.388,W,1,09,0.9,67.2,M,48.6,M,,*45\r\n"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_payloads_give_a_fix_or_a_named_rejection_never_an_exception(int seed)
    {
        var decoded = DecoderFuzzer.Run(NmeaDecoder.Decode, Seeds, seed);

        Assert.True(decoded > 0, "no mutated input decoded at all: the mutations are too destructive to test the decoding paths");
    }

    /// <summary>
    /// Most mutations break the checksum, so the framer refuses them before any field is read. Here each sentence's
    /// <c>*hh</c> is rewritten to match the mutated body first, so the mutations reach the RMC and GGA field parsers.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Mutated_payloads_with_their_checksums_repaired_reach_the_field_parsers_and_never_throw(int seed)
    {
        var decoded = DecoderFuzzer.Run(DecodeWithRepairedChecksums, Seeds, seed);

        Assert.True(decoded > 0, "no mutated input decoded at all: the mutations are too destructive to test the decoding paths");
    }

    private static void DecodeWithRepairedChecksums(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        var bytes = payload.ToArray();
        var start = Array.IndexOf(bytes, (byte)'$');
        while (start >= 0)
        {
            var checksum = 0;
            var i = start + 1;
            for (; i < bytes.Length && bytes[i] is not ((byte)'*' or (byte)'$' or (byte)'\r' or (byte)'\n'); i++)
            {
                checksum ^= bytes[i];
            }

            if (i + 2 < bytes.Length && bytes[i] == (byte)'*')
            {
                bytes[i + 1] = (byte)"0123456789ABCDEF"[checksum >> 4];
                bytes[i + 2] = (byte)"0123456789ABCDEF"[checksum & 0xF];
            }

            start = i < bytes.Length ? Array.IndexOf(bytes, (byte)'$', i + (bytes[i] == (byte)'$' ? 0 : 1)) : -1;
        }

        NmeaDecoder.Decode(bytes, context, fixes, rejections);
    }
}
