namespace Tracking.Protocols.Tests.TetraLip;

/// <summary>
/// A long location report (ETSI TS 100 392-18-1 §6.2.2) to build bit by bit: each part holds the fields the standard
/// puts there, and the test states the ones it is about. Defaults: no time data, a location point in Leicester,
/// no velocity, no acknowledgement, reason for sending 0 (powered on).
/// </summary>
internal sealed record LongReport
{
    /// <summary>Time type (2 bits) and its data: none by default.</summary>
    public Action<BitWriter> Time { get; init; } = w => w.Bits(0, 2);

    /// <summary>Location shape, 4 bits.</summary>
    public int Shape { get; init; } = 1;

    public int Longitude { get; init; } = LipPdu.LongitudeCode(LipPdu.LeicesterLongitude);

    public int Latitude { get; init; } = LipPdu.LatitudeCode(LipPdu.LeicesterLatitude);

    /// <summary>The shape's fields after longitude and latitude: none for a location point.</summary>
    public Action<BitWriter> ShapeFields { get; init; } = _ => { };

    /// <summary>Velocity type (3 bits) and its data: 0, no velocity information, by default.</summary>
    public Action<BitWriter> Velocity { get; init; } = w => w.Bits(0, 3);

    public int AcknowledgementRequest { get; init; }

    public int AdditionalDataType { get; init; }

    public int AdditionalData { get; init; }

    /// <summary>Optional elements after the mandatory ones (location message reference and so on).</summary>
    public Action<BitWriter> Trailer { get; init; } = _ => { };

    /// <summary>§6.3.79 Time of position: time type 2, then day (5 bits), hour (5), minute (6), second (6).</summary>
    public static Action<BitWriter> TimeOfPosition(int day, int hour, int minute, int second) =>
        w => w.Bits(2, 2).Bits(day, 5).Bits(hour, 5).Bits(minute, 6).Bits(second, 6);

    /// <summary>§6.3.78 Time elapsed: time type 1, then the 2-bit class.</summary>
    public static Action<BitWriter> TimeElapsed(int code) => w => w.Bits(1, 2).Bits(code, 2);

    /// <summary>Altitude type (1 bit, 0 above the WGS84 ellipsoid) and location altitude (11 bits).</summary>
    public static Action<BitWriter> Altitude(int code, int type = 0) => w => w.Bits(type, 1).Bits(code, 11);

    /// <summary>Velocity type 5: horizontal velocity (7 bits) and direction of travel extended (8 bits).</summary>
    public static Action<BitWriter> VelocityWithDirection(int velocity, int direction) =>
        w => w.Bits(5, 3).Bits(velocity, 7).Bits(direction, 8);

    public BitWriter Build()
    {
        var w = new BitWriter()
            .Bits(1, 2)                 // PDU type: 1 location protocol PDU with extension
            .Bits(3, 4);                // PDU type extension: 3 long location report
        Time(w);
        w.Bits(Shape, 4)                // location shape
            .Signed(Longitude, 25)      // longitude
            .Signed(Latitude, 24);      // latitude
        ShapeFields(w);
        Velocity(w);
        w.Bits(AcknowledgementRequest, 1)   // acknowledgement request
            .Bits(AdditionalDataType, 1)    // type of additional data
            .Bits(AdditionalData, 8);       // reason for sending / user defined data
        Trailer(w);
        return w;
    }
}
