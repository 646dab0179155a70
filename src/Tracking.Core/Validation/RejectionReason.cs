namespace Tracking.Core.Validation;

/// <summary>
/// Why a message or a fix was refused. Every rejection carries exactly one reason; the stable snake_case
/// names of <see cref="RejectionReasons.Name"/> appear in statistics, metrics, logs and the dead-letter table.
/// </summary>
public enum RejectionReason
{
    MalformedJson,
    MissingField,
    InvalidField,
    LatitudeOutOfRange,
    LongitudeOutOfRange,
    NullIsland,
    TimeInFuture,
    TimeTooOld,
    SpeedTooHigh,
    PayloadTooLarge,
    BadDeviceId,
    UnknownDevice,
    BadChecksum,
    NoFix,
    UnsupportedMessage,
}
