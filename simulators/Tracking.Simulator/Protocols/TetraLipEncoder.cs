using System.Text;
using Tracking.Core.Fixes;
using Tracking.Protocols;

namespace Tracking.Simulator.Protocols;

/// <summary>
/// TETRA Location Information Protocol PDUs (ETSI TS 100 392-18-1, clauses as in V1.6/V1.7) as hex text, the way a
/// TETRA gateway forwards a radio's SDS user data on <c>tracking/{issi}/lip</c>. The short location report (§6.2.1,
/// 76 bits) carries no time, so the server dates it on arrival; the long location report (§6.2.2) carries the time of
/// position, for a report sent late. Resolution: longitude 360/2^25° (0.7 m here), latitude 180/2^24° (1.2 m), speed
/// in the km/h codes of §6.3.17 (1 km/h below 28 km/h, then 3.8% steps), direction 22.5° (short) or 1.4° (long).
/// Thread-safe (stateless).
/// </summary>
public static class TetraLipEncoder
{
    private const int LongitudeBits = 25;
    private const int LatitudeBits = 24;

    /// <summary>§6.3.17: the code for "horizontal speed is not known".</summary>
    private const uint VelocityUnknown = 127;

    /// <summary>§6.3.5: the code radios send when they have no course (it is also NNW).</summary>
    private const uint DirectionUnknown = 15;

    public static DeviceMessage EncodeShort(string issi, Fix fix, byte reason = LipReason.MaximumReportingInterval) =>
        Message(issi, ShortReport(fix, reason));

    public static DeviceMessage EncodeLong(string issi, Fix fix, byte reason = LipReason.MaximumReportingInterval) =>
        Message(issi, LongReport(fix, reason));

    /// <summary>§6.2.1 Short location report, 76 bits, as 19 hex digits.</summary>
    public static string ShortReport(Fix fix, byte reason)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var bits = new BitWriter()
            .Write(0, 2)                                    // §6.3.61 PDU type: 0, short location report
            .Write(0, 2)                                    // §6.3.78 time elapsed: 0, less than 5 s
            .WriteSigned(LongitudeCode(fix.Longitude), LongitudeBits)   // §6.3.50 × 360/2^25 degrees
            .WriteSigned(LatitudeCode(fix.Latitude), LatitudeBits)      // §6.3.30 × 180/2^24 degrees
            .Write(PositionErrorCode(fix.Accuracy), 3)      // §6.3.63 position error class
            .Write(VelocityCode(fix.Speed), 7)              // §6.3.17 horizontal velocity
            .Write(DirectionCode(fix.Heading), 4)           // §6.3.5 direction of travel, 22.5° steps
            .Write(0, 1)                                    // §6.3.87 type of additional data: reason for sending
            .Write(reason, 8);                              // §6.3.64 reason for sending
        return bits.ToHex();
    }

    /// <summary>
    /// §6.2.2 Long location report with time of position, location shape "circle" (its radius the fix's accuracy) and
    /// horizontal velocity with direction of travel extended; 117 bits, as 30 hex digits.
    /// </summary>
    public static string LongReport(Fix fix, byte reason)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var time = fix.DeviceTime.UtcDateTime;
        var bits = new BitWriter()
            .Write(1, 2)                                    // §6.3.61 PDU type: 1, location protocol PDU with extension
            .Write(3, 4)                                    // §6.3.62 PDU type extension: 3, long location report
            .Write(2, 2)                                    // §6.3.81 time type: 2, time of position
            .Write((uint)time.Day, 5)                       // §6.3.79 day 1–31
            .Write((uint)time.Hour, 5)                      //         hour 0–23
            .Write((uint)time.Minute, 6)                    //         minute 0–59
            .Write((uint)time.Second, 6)                    //         second 0–59
            .Write(2, 4)                                    // §6.3.49 location shape: 2, location circle
            .WriteSigned(LongitudeCode(fix.Longitude), LongitudeBits)
            .WriteSigned(LatitudeCode(fix.Latitude), LatitudeBits)
            .Write(UncertaintyCode(fix.Accuracy), 6);       // horizontal position uncertainty
        if (fix.Speed is null)
        {
            bits.Write(0, 3);                               // §6.3.90 velocity type: 0, no velocity information
        }
        else if (fix.Heading is null)
        {
            bits.Write(1, 3).Write(VelocityCode(fix.Speed), 7);   // 1, horizontal velocity
        }
        else
        {
            bits.Write(5, 3)                                // 5, horizontal velocity with direction of travel extended
                .Write(VelocityCode(fix.Speed), 7)
                .Write(DirectionExtendedCode(fix.Heading.Value), 8);  // §6.3.6, × 360/256 degrees
        }

        bits.Write(0, 1)                                    // §6.3.1 acknowledgement request: no
            .Write(0, 1)                                    // §6.3.87 type of additional data: reason for sending
            .Write(reason, 8);                              // §6.3.64
        return bits.ToHex();
    }

    /// <summary>§6.3.17 Horizontal velocity code nearest <paramref name="metresPerSecond"/>: 0–28 km/h, then 16 × 1.038^(K − 13) km/h.</summary>
    public static uint VelocityCode(double? metresPerSecond)
    {
        if (metresPerSecond is not { } speed || !double.IsFinite(speed) || speed < 0)
        {
            return VelocityUnknown;
        }

        var kmh = speed * 3.6;
        if (kmh < 28.5)
        {
            return (uint)Math.Round(kmh, MidpointRounding.AwayFromZero);
        }

        var code = Math.Round(13 + (Math.Log(kmh / 16) / Math.Log(1.038)));
        return (uint)Math.Clamp(code, 29, 126);
    }

    /// <summary>§6.3.63 Position error: the smallest class whose bound holds the accuracy; 7 (not known) without one.</summary>
    public static uint PositionErrorCode(double? accuracy) => accuracy switch
    {
        null => 7,
        < 2 => 0,
        < 20 => 1,
        < 200 => 2,
        < 2_000 => 3,
        < 20_000 => 4,
        <= 200_000 => 5,
        _ => 6,
    };

    /// <summary>Horizontal position uncertainty: the smallest K whose bound 2 × 1.2^(K + 5) − 4 m holds the accuracy; 63 (best effort) without one.</summary>
    public static uint UncertaintyCode(double? accuracy)
    {
        if (accuracy is not { } metres || !double.IsFinite(metres))
        {
            return 63;
        }

        for (var code = 0u; code < 63; code++)
        {
            if ((2 * Math.Pow(1.2, code + 5)) - 4 >= metres)
            {
                return code;
            }
        }

        return 63;
    }

    private static uint DirectionCode(double? heading) =>
        heading is { } h ? (uint)Math.Round(Normalise(h) / 22.5) % 16 : DirectionUnknown;

    private static uint DirectionExtendedCode(double heading) => (uint)Math.Round(Normalise(heading) * 256 / 360) % 256;

    private static double Normalise(double heading) => ((heading % 360) + 360) % 360;

    private static int LongitudeCode(double longitude) =>
        (int)Math.Clamp(Math.Round(longitude * (1 << LongitudeBits) / 360), -(1 << (LongitudeBits - 1)), (1 << (LongitudeBits - 1)) - 1);

    private static int LatitudeCode(double latitude) =>
        (int)Math.Clamp(Math.Round(latitude * (1 << LatitudeBits) / 180), -(1 << (LatitudeBits - 1)), (1 << (LatitudeBits - 1)) - 1);

    private static DeviceMessage Message(string issi, string hex) =>
        new(issi, DeviceProtocol.TetraLip, TopicRouter.TetraLipTopic(issi), Encoding.ASCII.GetBytes(hex));
}
