using System.Globalization;
using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Faults;

/// <summary>
/// The fault cases of the <c>faults</c> mode: malformed and oversize payloads of every protocol, out-of-range values,
/// future-dated and stale fixes, clock skew within and beyond the server's tolerance, a bad device id, duplicates,
/// out-of-order fixes, a teleporting device, a flood from one device and an abrupt disconnect. Each case is sent as a
/// device of its own (<c>{prefix}{nn}</c>) so the server's per-device counts tell the cases apart. Positions come from a
/// <see cref="Random"/> of the seed, times from <c>now</c>: the same seed and time give the same bytes.
/// Pure and thread-safe.
/// </summary>
public static class FaultCatalogue
{
    /// <summary>Messages the flood case sends.</summary>
    public const int FloodMessages = 2_000;

    public static IReadOnlyList<FaultCase> Build(int seed, DateTimeOffset now, string prefix = "fault-")
    {
        var random = new Random(seed);
        var cases = new List<FaultCase>();
        var n = 0;
        string Id() => prefix + (++n).ToString("D2", CultureInfo.InvariantCulture);
        Fix Good(string id, DateTimeOffset? at = null) => new()
        {
            DeviceId = id,
            DeviceTime = at ?? now.AddSeconds(-random.Next(5, 60)),
            Latitude = 52.60 + (random.NextDouble() * 0.08),
            Longitude = -1.20 + (random.NextDouble() * 0.12),
            Speed = Math.Round(random.NextDouble() * 15, 2),
            Heading = Math.Round(random.NextDouble() * 359, 1),
            Accuracy = 5,
            Source = FixSource.Native,
            ReceivedAt = now,
        };
        DeviceMessage Native(string id, string json) => new(id, DeviceProtocol.NativeJson, TopicRouter.NativeFixTopic(id), Encoding.UTF8.GetBytes(json));
        DeviceMessage Nmea(string id, string text) => new(id, DeviceProtocol.Nmea, TopicRouter.NmeaTopic(id), Encoding.ASCII.GetBytes(text));
        DeviceMessage Lip(string id, string hex) => new(id, DeviceProtocol.TetraLip, TopicRouter.TetraLipTopic(id), Encoding.ASCII.GetBytes(hex));
        DeviceMessage OwnTracks(string id, string json) => new(id, DeviceProtocol.OwnTracks, OwnTracksEncoder.Topic(id.Split('.')[0], id.Split('.')[1]), Encoding.UTF8.GetBytes(json));
        DeviceMessage OsmAnd(string id, string query) => new(id, DeviceProtocol.OsmAnd, null, [], query);
        long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
        void Add(string name, string category, string id, FaultExpectation expected, params DeviceMessage[] messages) =>
            cases.Add(new FaultCase(name, category, id, messages, expected));

        // Malformed, every protocol.
        var id = Id();
        Add("native JSON cut off", "malformed", id, FaultExpectation.Reject(RejectionReason.MalformedJson), Native(id, "{\"t\":" + Ms(now)));
        id = Id();
        Add("native JSON array of numbers", "malformed", id, FaultExpectation.Reject(RejectionReason.MalformedJson), Native(id, "[1,2,3]"));
        id = Id();
        Add("native fix without lat", "malformed", id, FaultExpectation.Reject(RejectionReason.MissingField), Native(id, $"{{\"t\":{Ms(now)},\"lon\":-1.13}}"));
        id = Id();
        Add("native time without zone", "malformed", id, FaultExpectation.Reject(RejectionReason.InvalidField), Native(id, "{\"t\":\"2026-11-27T22:00:00\",\"lat\":52.63,\"lon\":-1.13}"));
        id = Id();
        Add("native negative speed", "malformed", id, FaultExpectation.Reject(RejectionReason.InvalidField), Native(id, $"{{\"t\":{Ms(now)},\"lat\":52.63,\"lon\":-1.13,\"spd\":-3}}"));
        id = Id();
        var rmc = NmeaEncoder.Sentences(Good(id)).Split("\r\n")[0];
        var wrong = ((Convert.ToInt32(rmc[^2..], 16) + 1) % 256).ToString("X2", CultureInfo.InvariantCulture);
        Add("NMEA wrong checksum", "malformed", id, FaultExpectation.Reject(RejectionReason.BadChecksum), Nmea(id, rmc[..^2] + wrong + "\r\n"));
        id = Id();
        Add("NMEA without checksum", "malformed", id, FaultExpectation.Reject(RejectionReason.MissingField), Nmea(id, NmeaEncoder.Sentences(Good(id)).Split("\r\n")[0][..^3] + "\r\n"));
        id = Id();
        var noFix = string.Create(CultureInfo.InvariantCulture, $"GPRMC,{now.UtcDateTime:HHmmss}.00,V,,,,,,,{now.UtcDateTime:ddMMyy},,,N");
        Add("NMEA receiver without a fix", "malformed", id, FaultExpectation.Reject(RejectionReason.NoFix), Nmea(id, NmeaEncoder.Sentence(noFix)));
        id = Id();
        Add("TETRA LIP reserved PDU type", "malformed", id, FaultExpectation.Reject(RejectionReason.InvalidField), Lip(id, "C" + TetraLipEncoder.ShortReport(Good(id), LipReason.MaximumReportingInterval)[1..]));
        id = Id();
        Add("TETRA LIP short report cut off", "malformed", id, FaultExpectation.Reject(RejectionReason.MissingField), Lip(id, TetraLipEncoder.ShortReport(Good(id), LipReason.MaximumReportingInterval)[..10]));
        id = Id();
        Add("TETRA LIP acknowledgement (no position)", "malformed", id, FaultExpectation.Reject(RejectionReason.UnsupportedMessage), Lip(id, new BitWriter().Write(1, 2).Write(4, 4).Write(0, 2).ToHex()));
        id = Id() + ".phone";
        Add("OwnTracks not JSON", "malformed", id, FaultExpectation.Reject(RejectionReason.MalformedJson), OwnTracks(id, "lat=52.6&lon=-1.1"));
        id = Id() + ".phone";
        Add("OwnTracks unknown _type", "malformed", id, FaultExpectation.Reject(RejectionReason.UnsupportedMessage), OwnTracks(id, "{\"_type\":\"teleport\",\"lat\":52.6,\"lon\":-1.1}"));
        id = Id();
        Add("OsmAnd without timestamp", "malformed", id, FaultExpectation.Reject(RejectionReason.MissingField), OsmAnd(id, $"?id={id}&lat=52.63&lon=-1.13"));
        id = Id();
        Add("OsmAnd latitude not a number", "malformed", id, FaultExpectation.Reject(RejectionReason.InvalidField), OsmAnd(id, $"?id={id}&timestamp={now.ToUnixTimeSeconds()}&lat=north&lon=-1.13"));

        // Out of range.
        id = Id();
        Add("latitude 95", "range", id, FaultExpectation.Reject(RejectionReason.LatitudeOutOfRange), NativeJsonEncoder.Encode(id, Good(id) with { Latitude = 95 }));
        id = Id();
        Add("longitude 200", "range", id, FaultExpectation.Reject(RejectionReason.LongitudeOutOfRange), NativeJsonEncoder.Encode(id, Good(id) with { Longitude = 200 }));
        id = Id();
        Add("null island 0,0", "range", id, FaultExpectation.Reject(RejectionReason.NullIsland), NativeJsonEncoder.Encode(id, Good(id) with { Latitude = 0, Longitude = 0 }));
        id = Id();
        Add("reported speed 150 m/s", "range", id, FaultExpectation.Reject(RejectionReason.SpeedTooHigh), NativeJsonEncoder.Encode(id, Good(id) with { Speed = 150 }));

        // Oversize, every protocol.
        id = Id();
        var big = Enumerable.Range(0, 60).Select(i => Good(id, now.AddSeconds(-600 + i))).ToList();
        Add("native array over 4 KiB", "oversize", id, FaultExpectation.Reject(RejectionReason.PayloadTooLarge), new DeviceMessage(id, DeviceProtocol.NativeJson, TopicRouter.NativeFixTopic(id), Tracking.Protocols.Native.NativeFixEncoder.EncodeBatch(big)));
        id = Id();
        Add("NMEA over 4 KiB", "oversize", id, FaultExpectation.Reject(RejectionReason.PayloadTooLarge), Nmea(id, string.Concat(Enumerable.Range(0, 40).Select(i => NmeaEncoder.Sentences(Good(id, now.AddSeconds(-100 + i)))))));
        id = Id();
        Add("TETRA LIP over 1 KiB", "oversize", id, FaultExpectation.Reject(RejectionReason.PayloadTooLarge), Lip(id, string.Concat(Enumerable.Repeat(TetraLipEncoder.ShortReport(Good(id), LipReason.MaximumReportingInterval), 60))));
        id = Id() + ".phone";
        var padded = Encoding.UTF8.GetString(OwnTracksEncoder.Payload(Good(id), "FX"))[..^1] + ",\"note\":\"" + new string('x', 5_000) + "\"}";
        Add("OwnTracks location over 4 KiB", "oversize", id, FaultExpectation.Reject(RejectionReason.PayloadTooLarge), OwnTracks(id, padded));
        id = Id();
        Add("OsmAnd query over 4 KiB", "oversize", id, FaultExpectation.Reject(RejectionReason.PayloadTooLarge), OsmAnd(id, OsmAndEncoder.Query(id, Good(id)) + "&note=" + new string('x', 4_200)));

        // Clocks.
        id = Id();
        Add("fix dated an hour ahead", "time", id, FaultExpectation.Reject(RejectionReason.TimeInFuture), NativeJsonEncoder.Encode(id, Good(id, now.AddHours(1))));
        id = Id();
        Add("fix eight days old", "time", id, FaultExpectation.Reject(RejectionReason.TimeTooOld), NativeJsonEncoder.Encode(id, Good(id, now.AddDays(-8))));
        id = Id();
        Add("clock two minutes fast (within the skew allowed)", "time", id, FaultExpectation.Accept(1), NativeJsonEncoder.Encode(id, Good(id, now.AddMinutes(2))));
        id = Id();
        Add("NMEA clock ten minutes fast", "time", id, FaultExpectation.Reject(RejectionReason.TimeInFuture), NmeaEncoder.Encode(id, Good(id, now.AddMinutes(10))));

        // Identity.
        id = Id();
        var bad = id + " bad!";
        Add("device id with a space and !", "identity", bad, FaultExpectation.Reject(RejectionReason.BadDeviceId), new DeviceMessage(bad, DeviceProtocol.NativeJson, TopicRouter.NativeFixTopic(bad), NativeFixEncoderBytes(Good(id))));

        // Sequences.
        id = Id();
        var twice = NativeJsonEncoder.Encode(id, Good(id));
        Add("the same fix twice", "sequence", id, FaultExpectation.Accept(2, duplicates: 1), twice, twice);
        id = Id();
        var first = now.AddMinutes(-3);
        Add("out of order", "sequence", id, FaultExpectation.Accept(3),
            NativeJsonEncoder.Encode(id, Good(id, first.AddSeconds(10))), NativeJsonEncoder.Encode(id, Good(id, first)), NativeJsonEncoder.Encode(id, Good(id, first.AddSeconds(5))));
        id = Id();
        Add("teleport: Leicester to Edinburgh in five seconds, no speed reported", "sequence", id, FaultExpectation.Accept(2),
            NativeJsonEncoder.Encode(id, Good(id, now.AddSeconds(-30)) with { Speed = null }),
            NativeJsonEncoder.Encode(id, Good(id, now.AddSeconds(-25)) with { Latitude = 55.9533, Longitude = -3.1883, Speed = null }));

        // Load behaviours.
        id = Id();
        var flood = Enumerable.Range(0, FloodMessages).Select(i => NativeJsonEncoder.Encode(id, Good(id, now.AddMinutes(-30).AddMilliseconds(i * 500)))).ToArray();
        cases.Add(new FaultCase($"flood: {FloodMessages} fixes back to back from one device (QoS 0), over its message rate", "load", id, flood, FaultExpectation.OverRate(), FaultBehaviour.Flood));
        id = Id();
        var dropped = Enumerable.Range(0, 20).Select(i => NativeJsonEncoder.Encode(id, Good(id, now.AddMinutes(-5).AddSeconds(i)))).ToArray();
        cases.Add(new FaultCase("abrupt disconnect after 20 acknowledged fixes", "load", id, dropped, FaultExpectation.Accept(20), FaultBehaviour.AbruptDisconnect));
        return cases;
    }

    private static byte[] NativeFixEncoderBytes(Fix fix) => Tracking.Protocols.Native.NativeFixEncoder.Encode(fix);
}
