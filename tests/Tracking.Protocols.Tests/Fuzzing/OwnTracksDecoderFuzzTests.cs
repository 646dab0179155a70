using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.OwnTracks;
using Xunit.Abstractions;

namespace Tracking.Protocols.Tests.Fuzzing;

public sealed class OwnTracksDecoderFuzzTests(ITestOutputHelper output)
{
    // Seeds: the shapes the apps publish (the real payloads of OwnTracksDecoderTests) and one of every other type.
    private static readonly byte[][] Seeds =
    [
        Encoding.UTF8.GetBytes("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"acc":5,"alt":67,"vel":54,"cog":271,"batt":87,"tid":"42","t":"u"}"""),
        Encoding.UTF8.GetBytes("""{"cog":271,"lon":2.29513,"acc":5,"vel":61,"vac":21,"lat":48.85833,"tst":1497349316,"alt":167,"_type":"location","tid":"JJ","t":"u","batt":67}"""),
        Encoding.UTF8.GetBytes("""{"_type":"location","BSSID":"00:13:10:85:fe:01","SSID":"AndroidWifi","acc":5,"alt":50,"batt":100,"bs":0,"conn":"w","created_at":1709037052,"lat":51.0,"lon":0.0,"m":1,"tid":"aa","tst":1709037003,"vac":0,"vel":0,"inregions":["Testregion1"]}"""),
        Encoding.UTF8.GetBytes("""{"_type":"lwt","tst":1380738247}"""),
        Encoding.UTF8.GetBytes("""{"_type":"transition","acc":3,"desc":"myregion","event":"leave","lat":52.71234,"lon":-1.61234123,"t":"l","tid":"ce","tst":1603209966,"wtst":1558351273}"""),
        Encoding.UTF8.GetBytes("""{"_type":"cmd","action":"setWaypoints","waypoints":{"_type":"waypoints","waypoints":[{"_type":"waypoint","desc":"HQ","lat":52.6369,"lon":-1.1398,"rad":50,"tst":1709290000}]}}"""),
        Encoding.UTF8.GetBytes("""{"_type":"card","tid":"xx","name":"X X"}"""),
        Encoding.UTF8.GetBytes("""{"\u005ftype":"\u006cocation","\u006cat":52.6369,"lon":-1.1398,"tst":1709294400}"""),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_payloads_give_a_fix_a_named_rejection_or_a_recognised_message_never_an_exception(int seed)
    {
        var decoded = DecoderFuzzer.Run(DecodeAndCheck, Seeds, seed, ignoredInputsAllowed: true);
        output.WriteLine($"seed {seed}: {decoded} of {DecoderFuzzer.Iterations} inputs gave a fix");

        Assert.True(decoded > 0, "no mutated input decoded at all: the mutations are too destructive to test the decoding paths");
    }

    /// <summary>
    /// The decoder, plus the invariants the shared fuzzer cannot know: an input that gives nothing is a recognised message of
    /// another type, a fix comes only from a location, and at most one entry is appended per message.
    /// </summary>
    private static void DecodeAndCheck(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        OwnTracksDecoder.Decode(payload, context, fixes, rejections);
        var kind = OwnTracksDecoder.Classify(payload);
        if (fixes.Count + rejections.Count > 1)
        {
            throw new InvalidOperationException("one message gave more than one fix or rejection");
        }

        if (fixes.Count == 0 && rejections.Count == 0 && kind is OwnTracksMessageKind.Invalid or OwnTracksMessageKind.Unknown or OwnTracksMessageKind.Location)
        {
            throw new InvalidOperationException($"an ignored message was classified {kind}");
        }

        if (fixes.Count == 1 && kind != OwnTracksMessageKind.Location)
        {
            throw new InvalidOperationException($"a fix came from a message classified {kind}");
        }

        if (rejections.Count == 1 && rejections[0].Reason != RejectionReason.UnsupportedMessage && kind == OwnTracksMessageKind.Unknown)
        {
            throw new InvalidOperationException("an unknown type was not refused as unsupported");
        }
    }
}
