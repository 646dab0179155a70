namespace Tracking.Protocols.Tests.TetraLip;

/// <summary>
/// Builds LIP PDUs bit by bit from ETSI TS 100 392-18-1: the short location report (§6.2.1) and the long location
/// report (§6.2.2), with every field's width written out, and the standard's scales for the expected values.
/// Default position: Leicester city centre, 52.6369 N 1.1398 W, west of Greenwich so the longitude is negative.
/// </summary>
internal static class LipPdu
{
    public const double LeicesterLatitude = 52.6369;
    public const double LeicesterLongitude = -1.1398;

    /// <summary>§6.3.30 Latitude: the 24-bit two's complement code nearest <paramref name="degrees"/> (× 2^24/180).</summary>
    public static int LatitudeCode(double degrees) => (int)Math.Round(degrees * (1 << 24) / 180);

    /// <summary>§6.3.50 Longitude: the 25-bit two's complement code nearest <paramref name="degrees"/> (× 2^25/360).</summary>
    public static int LongitudeCode(double degrees) => (int)Math.Round(degrees * (1 << 25) / 360);

    /// <summary>The latitude a code stands for: code × 180/2^24 degrees.</summary>
    public static double LatitudeOf(int code) => code * 180.0 / (1 << 24);

    /// <summary>The longitude a code stands for: code × 360/2^25 degrees.</summary>
    public static double LongitudeOf(int code) => code * 360.0 / (1 << 25);

    /// <summary>§6.2.1 Short location report, 76 bits; the defaults are a car in Leicester at 20 km/h heading east.</summary>
    public static BitWriter Short(
        int timeElapsed = 0,
        int? longitude = null,
        int? latitude = null,
        int positionError = 1,
        int velocity = 20,
        int direction = 4,
        int additionalDataType = 0,
        int additionalData = 0) =>
        new BitWriter()
            .Bits(0, 2)                                                    // PDU type: 0 short location report
            .Bits(timeElapsed, 2)                                          // time elapsed
            .Signed(longitude ?? LongitudeCode(LeicesterLongitude), 25)    // longitude
            .Signed(latitude ?? LatitudeCode(LeicesterLatitude), 24)       // latitude
            .Bits(positionError, 3)                                        // position error
            .Bits(velocity, 7)                                             // horizontal velocity
            .Bits(direction, 4)                                            // direction of travel
            .Bits(additionalDataType, 1)                                   // type of additional data: 0 reason for sending
            .Bits(additionalData, 8);                                      // reason for sending / user defined data

    /// <summary>The 8-bit SDS protocol identifier of LIP, 0x0A, followed by <paramref name="pdu"/>.</summary>
    public static BitWriter WithProtocolIdentifier(BitWriter pdu) => new BitWriter().Bits(0x0A, 8).Append(pdu);
}
