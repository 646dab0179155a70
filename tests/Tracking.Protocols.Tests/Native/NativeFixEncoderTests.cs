using System.Text;
using System.Text.Json;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.Native;

namespace Tracking.Protocols.Tests.Native;

public sealed class NativeFixEncoderTests
{
    private static readonly DateTimeOffset Noon = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2024, 3, 1, 12, 0, 3, TimeSpan.Zero);
    private static readonly DecodeContext Context = new("veh-1", ReceivedAt);

    /// <summary>A response car in Leicester, with more precision than the wire carries in every field.</summary>
    private static Fix Leicester() => new()
    {
        DeviceId = "veh-1",
        DeviceTime = Noon.AddTicks(1_234_567),
        Latitude = 52.636912345678,
        Longitude = -1.139812345678,
        Speed = 13.41789,
        Heading = 271.5432,
        Accuracy = 4.8765,
        Altitude = 67.2468,
        Source = FixSource.Native,
        ReceivedAt = Noon.AddSeconds(1),
    };

    private static List<Fix> RoundTrip(byte[] payload)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        NativeFixDecoder.Decode(payload, Context, fixes, rejections);
        Assert.Empty(rejections);
        return fixes;
    }

    /// <summary>What the wire keeps of a fix: milliseconds, 7 decimals of degrees, 2 of m/s, 1 of the rest.</summary>
    private static void AssertSameOnTheWire(Fix sent, Fix received)
    {
        Assert.Equal(sent.DeviceTime.ToUnixTimeMilliseconds(), received.DeviceTime.ToUnixTimeMilliseconds());
        Assert.True(sent.DeviceTime - received.DeviceTime < TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, received.DeviceTime.Offset);
        Assert.Equal(Math.Round(sent.Latitude, 7), received.Latitude);
        Assert.Equal(Math.Round(sent.Longitude, 7), received.Longitude);
        Assert.Equal(sent.Latitude, received.Latitude, 0.00000005 + 1e-12);
        Assert.Equal(sent.Longitude, received.Longitude, 0.00000005 + 1e-12);
        AssertRounded(sent.Speed, received.Speed, 2);
        AssertRounded(sent.Heading, received.Heading, 1);
        AssertRounded(sent.Accuracy, received.Accuracy, 1);
        AssertRounded(sent.Altitude, received.Altitude, 1);
    }

    private static void AssertRounded(double? sent, double? received, int decimals)
    {
        if (sent is null)
        {
            Assert.Null(received);
            return;
        }

        Assert.NotNull(received);
        Assert.Equal(Math.Round(sent.Value, decimals), received.Value);
        Assert.Equal(sent.Value, received.Value, (0.5 * Math.Pow(10, -decimals)) + 1e-9);
    }

    [Fact]
    public void Encode_then_decode_gives_the_same_values_within_the_wire_rounding()
    {
        var sent = Leicester();

        var received = Assert.Single(RoundTrip(NativeFixEncoder.Encode(sent)));

        AssertSameOnTheWire(sent, received);
        Assert.Equal(52.6369123, received.Latitude);
        Assert.Equal(-1.1398123, received.Longitude);
        Assert.Equal(13.42, received.Speed);
        Assert.Equal(271.5, received.Heading);
        Assert.Equal(4.9, received.Accuracy);
        Assert.Equal(67.2, received.Altitude);
        Assert.Equal(Noon.AddMilliseconds(123), received.DeviceTime);
    }

    [Fact]
    public void Decoded_fix_takes_device_id_and_received_time_from_the_context()
    {
        var received = Assert.Single(RoundTrip(NativeFixEncoder.Encode(Leicester() with { DeviceId = "veh-9" })));

        Assert.Equal("veh-1", received.DeviceId);
        Assert.Equal(ReceivedAt, received.ReceivedAt);
        Assert.Equal(FixSource.Native, received.Source);
    }

    [Fact]
    public void Values_already_at_wire_precision_round_trip_exactly()
    {
        var sent = Leicester() with
        {
            DeviceTime = Noon.AddMilliseconds(250),
            Latitude = 52.6369,
            Longitude = -1.1398,
            Speed = 13.41,
            Heading = 359.9,
            Accuracy = 0,
            Altitude = -3.5,
        };

        var received = Assert.Single(RoundTrip(NativeFixEncoder.Encode(sent)));

        Assert.Equal(sent with { DeviceId = "veh-1", ReceivedAt = ReceivedAt }, received);
    }

    [Fact]
    public void A_device_time_with_an_offset_round_trips_as_the_same_instant_in_utc()
    {
        var sent = Leicester() with { DeviceTime = new DateTimeOffset(2024, 3, 1, 13, 0, 0, TimeSpan.FromHours(1)) };

        var received = Assert.Single(RoundTrip(NativeFixEncoder.Encode(sent)));

        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc), received.DeviceTime.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, received.DeviceTime.Offset);
    }

    [Fact]
    public void Optional_fields_that_are_null_are_left_out_and_decode_as_null()
    {
        var sent = Leicester() with { Speed = null, Heading = null, Accuracy = null, Altitude = null };

        var payload = NativeFixEncoder.Encode(sent);
        var received = Assert.Single(RoundTrip(payload));

        using var json = JsonDocument.Parse(payload);
        Assert.Equal(["t", "lat", "lon"], json.RootElement.EnumerateObject().Select(p => p.Name));
        AssertSameOnTheWire(sent, received);
    }

    [Fact]
    public void Time_is_written_as_unix_milliseconds()
    {
        using var json = JsonDocument.Parse(NativeFixEncoder.Encode(Leicester() with { DeviceTime = Noon }));

        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("t").ValueKind);
        Assert.Equal(1_709_294_400_000, json.RootElement.GetProperty("t").GetInt64());
        Assert.Equal(["t", "lat", "lon", "spd", "hdg", "acc", "alt"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void EncodeBatch_then_decode_gives_every_fix_in_order()
    {
        Fix[] sent =
        [
            Leicester(),
            Leicester() with { DeviceTime = Noon.AddSeconds(5), Latitude = 52.6372456, Longitude = -1.1391789, Speed = null, Heading = 45.06 },
            Leicester() with { DeviceTime = Noon.AddSeconds(10), Latitude = 52.6375, Longitude = -1.1384, Accuracy = null, Altitude = null },
        ];

        var payload = NativeFixEncoder.EncodeBatch(sent);
        var received = RoundTrip(payload);

        Assert.Equal((byte)'[', payload[0]);
        Assert.Equal(sent.Length, received.Count);
        for (var i = 0; i < sent.Length; i++)
        {
            AssertSameOnTheWire(sent[i], received[i]);
        }
    }

    [Fact]
    public void EncodeBatch_of_one_fix_is_still_an_array()
    {
        var payload = NativeFixEncoder.EncodeBatch([Leicester()]);

        using var json = JsonDocument.Parse(payload);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        AssertSameOnTheWire(Leicester(), Assert.Single(RoundTrip(payload)));
    }

    [Fact]
    public void EncodeBatch_of_no_fixes_is_an_empty_array() =>
        Assert.Equal("[]", Encoding.UTF8.GetString(NativeFixEncoder.EncodeBatch([])));

    [Fact]
    public void Encoding_null_is_a_bug()
    {
        Assert.Throws<ArgumentNullException>(() => NativeFixEncoder.Encode(null!));
        Assert.Throws<ArgumentNullException>(() => NativeFixEncoder.EncodeBatch(null!));
        Assert.Throws<ArgumentNullException>(() => NativeFixEncoder.EncodeBatch([Leicester(), null!]));
    }
}
