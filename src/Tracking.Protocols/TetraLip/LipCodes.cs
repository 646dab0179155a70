namespace Tracking.Protocols.TetraLip;

/// <summary>
/// The code tables of ETSI TS 100 392-18-1 (LIP) clause 6.3, converted to SI units. Clause numbers are those of
/// V1.6/V1.7 of the standard. Pure and thread-safe (the tables are filled once and only read).
/// </summary>
internal static class LipCodes
{
    /// <summary>§6.3.17 Horizontal velocity: the code meaning "horizontal speed is not known".</summary>
    public const uint HorizontalVelocityUnknown = 127;

    /// <summary>§6.3.64 Reason for sending: "Emergency condition is detected".</summary>
    public const uint EmergencyConditionDetected = 2;

    /// <summary>§6.3.5 Direction of travel: the code that means NNW (337.5°) and also "direction of travel is not known".</summary>
    public const uint DirectionOfTravelNnwOrUnknown = 15;

    /// <summary>Horizontal position accuracy/uncertainty: the code meaning "best effort" (no bound).</summary>
    public const uint HorizontalUncertaintyBestEffort = 63;


    // Filled once: Math.Pow per report would cost more than the rest of the decode.
    private static readonly double[] HorizontalVelocityMetresPerSecond = BuildHorizontalVelocityTable();
    private static readonly double[] HorizontalUncertaintyMetresTable = BuildHorizontalUncertaintyTable();

    /// <summary>
    /// §6.3.17 Horizontal velocity, 7 bits: codes 0–28 are km/h in 1 km/h steps; codes 29–126 are
    /// v = C × (1 + x)^(K − A) + B km/h with C = 16, x = 0.038, A = 13, B = 0; 127 is "not known".
    /// </summary>
    public static double HorizontalVelocityKilometresPerHour(uint code) =>
        code <= 28 ? code : 16 * Math.Pow(1.038, code - 13.0);

    /// <summary>§6.3.17 Horizontal velocity in m/s, or null for code 127 (not known).</summary>
    public static double? HorizontalVelocity(uint code) =>
        code < HorizontalVelocityUnknown ? HorizontalVelocityMetresPerSecond[code] : null;

    /// <summary>
    /// §6.3.63 Position error, 3 bits: the upper bound of the class in metres (&lt; 2 m, &lt; 20 m, &lt; 200 m, &lt; 2 km,
    /// &lt; 20 km, ≤ 200 km). Code 6 ("more than 200 km") has no upper bound and code 7 is "not known": both null.
    /// </summary>
    public static double? PositionErrorMetres(uint code) => code switch
    {
        0 => 2,
        1 => 20,
        2 => 200,
        3 => 2_000,
        4 => 20_000,
        5 => 200_000,
        _ => null,
    };

    /// <summary>
    /// Horizontal position uncertainty and half axes of an ellipse, 6 bits, coded as the horizontal position accuracy
    /// element: "less than r" with r = 2 × 1.2^(K + 5) − 4 metres (K = 0 is less than 1 m, K = 62 less than 403 802.7 m);
    /// 63 is "best effort", null.
    /// </summary>
    public static double? HorizontalUncertaintyMetres(uint code) =>
        code < HorizontalUncertaintyBestEffort ? HorizontalUncertaintyMetresTable[code] : null;

    /// <summary>§6.3.5 Direction of travel, 4 bits: 16 points of the compass, 22.5° apart, clockwise from north.</summary>
    public static double DirectionOfTravelDegrees(uint code) => code * 22.5;

    /// <summary>§6.3.6 Direction of travel extended, 8 bits, coded as the angle element: K × 360/256 degrees clockwise from north.</summary>
    public static double DirectionOfTravelExtendedDegrees(uint code) => code * (360.0 / 256);

    /// <summary>
    /// Location altitude, 11 bits after the 1-bit altitude type: codes 1–1201 are −200 m to 1 000 m in 1 m steps,
    /// 1202–1926 are 1 002 m to 2 450 m in 2 m steps, 1927–2047 are 2 525 m to 11 525 m in 75 m steps.
    /// Code 0 is reserved; the caller refuses it before asking.
    /// </summary>
    public static double AltitudeMetres(uint code) =>
        code <= 1201 ? code - 201.0
        : code <= 1926 ? 1000 + ((code - 1201) * 2.0)
        : 2450 + ((code - 1926) * 75.0);

    /// <summary>§6.3.64 Reason for sending: codes 0–30, 32, 129 and 130 are defined; every other code is reserved.</summary>
    public static bool IsDefinedReasonForSending(uint code) => code is <= 30 or 32 or 129 or 130;

    /// <summary>§6.3.62 PDU type extension: the name of a defined extension, or null for a reserved one (0, 2, 13–15).</summary>
    public static string? PduTypeExtensionName(uint code) => code switch
    {
        1 => "immediate location report request",
        3 => "long location report",
        4 => "location report acknowledgement",
        5 => "basic location parameters request/response",
        6 => "add/modify trigger request/response",
        7 => "remove trigger request/response",
        8 => "report trigger request/response",
        9 => "report basic location parameters request/response",
        10 => "location reporting enable/disable request/response",
        11 => "location reporting temporary control request/response",
        12 => "backlog request/response",
        _ => null,
    };

    /// <summary>§6.3.49 Location shape: the name of a defined shape, or null for a reserved one (11–14).</summary>
    public static string? LocationShapeName(uint code) => code switch
    {
        0 => "no shape",
        1 => "location point",
        2 => "location circle",
        3 => "location ellipse",
        4 => "location point with altitude",
        5 => "location circle with altitude",
        6 => "location ellipse with altitude",
        7 => "location circle with altitude and altitude uncertainty",
        8 => "location ellipse with altitude and altitude uncertainty",
        9 => "location arc",
        10 => "location point and position error",
        15 => "location shape extension",
        _ => null,
    };

    private static double[] BuildHorizontalVelocityTable()
    {
        var table = new double[HorizontalVelocityUnknown];
        for (var code = 0u; code < table.Length; code++)
        {
            table[code] = SpeedConversions.KilometresPerHourToMetresPerSecond(HorizontalVelocityKilometresPerHour(code));
        }

        return table;
    }

    private static double[] BuildHorizontalUncertaintyTable()
    {
        var table = new double[HorizontalUncertaintyBestEffort];
        for (var code = 0; code < table.Length; code++)
        {
            table[code] = (2 * Math.Pow(1.2, code + 5)) - 4;
        }

        return table;
    }
}
