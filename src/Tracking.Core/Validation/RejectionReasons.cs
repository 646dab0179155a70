namespace Tracking.Core.Validation;

/// <summary>Stable names and plain-language descriptions of <see cref="RejectionReason"/> values.</summary>
public static class RejectionReasons
{
    private static readonly string[] Names =
    [
        "malformed_json",
        "missing_field",
        "invalid_field",
        "latitude_out_of_range",
        "longitude_out_of_range",
        "null_island",
        "time_in_future",
        "time_too_old",
        "speed_too_high",
        "payload_too_large",
        "bad_device_id",
        "unknown_device",
        "bad_checksum",
        "no_fix",
        "unsupported_message",
    ];

    /// <summary>All reasons, in declaration order.</summary>
    public static IReadOnlyList<RejectionReason> All { get; } = Enum.GetValues<RejectionReason>();

    /// <summary>The stable snake_case name used in statistics, metrics and logs.</summary>
    public static string Name(this RejectionReason reason) => Names[(int)reason];
}
