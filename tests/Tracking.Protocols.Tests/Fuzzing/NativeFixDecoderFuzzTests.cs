using System.Text;
using Tracking.Protocols.Native;

namespace Tracking.Protocols.Tests.Fuzzing;

public sealed class NativeFixDecoderFuzzTests
{
    // Seeds: the shapes a native device sends (single fix, ISO time, buffered array).
    private static readonly byte[][] Seeds =
    [
        Encoding.UTF8.GetBytes("""{"t":1764093600000,"lat":52.6369,"lon":-1.1398,"spd":13.4,"hdg":271.5,"acc":4.8,"alt":71.2}"""),
        Encoding.UTF8.GetBytes("""{"t":"2026-11-25T17:59:00Z","lat":52.6369,"lon":-1.1398}"""),
        Encoding.UTF8.GetBytes("""[{"t":1764093600000,"lat":52.6,"lon":-1.1},{"t":1764093605000,"lat":52.61,"lon":-1.11,"spd":null}]"""),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_payloads_give_a_fix_or_a_named_rejection_never_an_exception(int seed)
    {
        var decoded = DecoderFuzzer.Run(NativeFixDecoder.Decode, Seeds, seed);

        Assert.True(decoded > 0, "no mutated input decoded at all: the mutations are too destructive to test the decoding paths");
    }
}
