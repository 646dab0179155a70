using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.OsmAnd;
using Xunit.Abstractions;

namespace Tracking.Protocols.Tests.Fuzzing;

/// <summary>
/// The OsmAnd decoder reads its device id from the request, so each entry point is wrapped to the shared fuzzer's shape: the
/// wrapper checks the id itself (every fix carries the request's id, which the device id rules allow) and then gives the fix
/// the context's id, which is what the shared fuzzer compares against. Seeds carry <c>fuzz-1</c>.
/// </summary>
public sealed class OsmAndDecoderFuzzTests(ITestOutputHelper output)
{
    // Seeds: the request shapes of OsmAndDecoderTests (Traccar captures, Traccar Client for Android, every parameter).
    private static readonly byte[][] QuerySeeds =
    [
        Encoding.ASCII.GetBytes("id=fuzz-1&timestamp=1764093540&lat=52.6369&lon=-1.1398&speed=26&bearing=271.5&altitude=67.2&accuracy=4.8&batt=87&hdop=0.9"),
        Encoding.ASCII.GetBytes("id=fuzz-1&lat=42.06288&lon=-88.23412&timestamp=2026-11-25T17%3A55%3A47Z&hdop=6.0&altitude=224.0&speed=0.0"),
        Encoding.ASCII.GetBytes("?id=fuzz-1&timestamp=1764093540000&location=52.6369,-1.1398&valid=true&alarm=sos"),
        Encoding.ASCII.GetBytes("deviceid=fuzz-1&lat=52.6369&lon=-1.1398&timestamp=2026-11-25T18:55:00+01:00&heading=90&cell=257,02,16,2224&wifi=00-14-22-01-23-45,-80"),
        Encoding.ASCII.GetBytes("%69d=fuzz%2D1&l%61t=52.6369&lon=-1.1398&timestamp=1764093540&speed=&valid=0"),
    ];

    private static readonly byte[][] JsonSeeds =
    [
        Encoding.UTF8.GetBytes("""{"location":{"timestamp":"2026-11-25T17:59:00.000Z","coords":{"latitude":52.6369,"longitude":-1.1398,"accuracy":4.8,"speed":13.4,"heading":271.5,"altitude":67.2},"is_moving":true,"odometer":1234.5,"event":"motionchange","battery":{"level":0.87,"is_charging":false},"activity":{"type":"in_vehicle"},"extras":{},"_":"&id=fuzz-1&lat=52.6369&lon=-1.1398&timestamp=2026-11-25T17:59:00.000Z&","alarm":"sos"},"device_id":"fuzz-1"}"""),
        Encoding.UTF8.GetBytes("""{"location":{"extras":{"alarm":"sos"},"mock":true,"coords":{"speed_accuracy":-1,"speed":-1,"longitude":-122.406417,"ellipsoidal_altitude":0,"floor":null,"heading_accuracy":-1,"latitude":37.785834000000001,"accuracy":5,"altitude_accuracy":-1,"altitude":0,"heading":-1},"is_moving":false,"age":188,"odometer":0,"uuid":"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8","event":"motionchange","battery":{"level":-1,"is_charging":false},"activity":{"type":"unknown","confidence":100},"timestamp":"2026-11-25T17:11:30.579+01:00"},"device_id":"fuzz-1"}"""),
        Encoding.UTF8.GetBytes("""{"device_id":"fuzz\u002D1","location":{"timestamp":"2026-11-25T17:59:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}}}"""),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_query_strings_give_a_fix_or_a_named_rejection_never_an_exception(int seed) =>
        AssertSomeDecoded("query", seed, DecoderFuzzer.Run(DecodeQuery, QuerySeeds, seed));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_form_bodies_give_a_fix_or_a_named_rejection_never_an_exception(int seed) =>
        AssertSomeDecoded("form", seed, DecoderFuzzer.Run(DecodeForm, QuerySeeds, seed));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_json_bodies_give_a_fix_or_a_named_rejection_never_an_exception(int seed) =>
        AssertSomeDecoded("json", seed, DecoderFuzzer.Run(DecodeJson, JsonSeeds, seed));

    private void AssertSomeDecoded(string entryPoint, int seed, int decoded)
    {
        output.WriteLine($"{entryPoint}, seed {seed}: {decoded} of {DecoderFuzzer.Iterations} inputs gave a fix");
        Assert.True(decoded > 0, "no mutated input decoded at all: the mutations are too destructive to test the decoding paths");
    }

    private static void DecodeQuery(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        // As UTF-8 text, so the query parser also meets characters beyond Latin-1 and replacement characters.
        OsmAndDecoder.DecodeQuery(Encoding.UTF8.GetString(payload), context.ReceivedAt, OsmAndSpeedUnit.Knots, fixes, rejections, out var deviceId);
        CheckAndAdopt(context, fixes, rejections, deviceId);
    }

    private static void DecodeForm(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        OsmAndDecoder.DecodeForm(payload, context.ReceivedAt, _ => OsmAndSpeedUnit.KilometresPerHour, fixes, rejections, out var deviceId);
        CheckAndAdopt(context, fixes, rejections, deviceId);
    }

    private static void DecodeJson(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        OsmAndDecoder.DecodeJson(payload, context.ReceivedAt, fixes, rejections, out var deviceId);
        CheckAndAdopt(context, fixes, rejections, deviceId);
    }

    /// <summary>
    /// Every request gives exactly one fix or one rejection; a fix carries the returned, well-formed id and only finite numbers;
    /// then the fix takes the context's id for the shared fuzzer's check.
    /// </summary>
    private static void CheckAndAdopt(in DecodeContext context, List<Fix> fixes, List<Rejection> rejections, string? deviceId)
    {
        if (fixes.Count + rejections.Count != 1)
        {
            throw new InvalidOperationException($"a request gave {fixes.Count} fixes and {rejections.Count} rejections");
        }

        if (deviceId is not null && !DeviceIds.IsValid(deviceId))
        {
            throw new InvalidOperationException($"the returned device id '{deviceId}' breaks the device id rules");
        }

        if (fixes.Count == 0)
        {
            return;
        }

        var fix = fixes[0];
        if (fix.DeviceId != deviceId || fix.Source != FixSource.OsmAnd || fix.ReceivedAt != context.ReceivedAt)
        {
            throw new InvalidOperationException($"the fix {fix} does not carry the request's id '{deviceId}', OsmAnd and the receive time");
        }

        if (fix.DeviceTime.Offset != TimeSpan.Zero
            || !AllFinite(fix.Speed, fix.Heading, fix.Accuracy, fix.Altitude, fix.Hdop, fix.Battery))
        {
            throw new InvalidOperationException($"the fix {fix} has a time not in UTC or a number that is not finite");
        }

        fixes[0] = fix with { DeviceId = context.DeviceId };
    }

    private static bool AllFinite(params ReadOnlySpan<double?> values)
    {
        foreach (var value in values)
        {
            if (value is { } number && !double.IsFinite(number))
            {
                return false;
            }
        }

        return true;
    }
}
