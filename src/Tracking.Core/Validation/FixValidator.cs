using Tracking.Core.Fixes;

namespace Tracking.Core.Validation;

/// <summary>
/// The one plausibility check every decoded fix passes, whatever protocol it came in.
/// Pure and allocation-free on the accepting path; thread-safe (the options are read only).
/// </summary>
public sealed class FixValidator(FixValidationOptions options)
{
    /// <summary>Returns null when the fix is acceptable at server time <paramref name="now"/>, else the reason.</summary>
    public Rejection? Validate(Fix fix, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fix);

        // NaN fails every comparison, so each range test is written to reject it.
        if (!(fix.Latitude is >= -90 and <= 90))
        {
            return new Rejection(RejectionReason.LatitudeOutOfRange, "lat must be between -90 and 90");
        }

        if (!(fix.Longitude is >= -180 and <= 180))
        {
            return new Rejection(RejectionReason.LongitudeOutOfRange, "lon must be between -180 and 180");
        }

        // 0,0 is what a GPS that has no fix yet reports on many trackers; nobody patrols the Gulf of Guinea.
        if (fix.Latitude == 0 && fix.Longitude == 0)
        {
            return new Rejection(RejectionReason.NullIsland, "lat and lon are both exactly 0");
        }

        if (fix.DeviceTime - now > options.MaxFutureSkew)
        {
            return new Rejection(RejectionReason.TimeInFuture, "device time is more than the allowed skew ahead of the server clock");
        }

        if (now - fix.DeviceTime > options.Horizon)
        {
            return new Rejection(RejectionReason.TimeTooOld, "device time is older than the accepted horizon");
        }

        if (fix.Speed is { } speed)
        {
            if (!(speed >= 0))
            {
                return new Rejection(RejectionReason.InvalidField, "spd must be a non-negative number");
            }

            if (speed > options.MaxSpeed)
            {
                return new Rejection(RejectionReason.SpeedTooHigh, "spd is above the credible maximum");
            }
        }

        if (fix.Heading is { } heading && !(heading is >= 0 and <= 360))
        {
            return new Rejection(RejectionReason.InvalidField, "hdg must be between 0 and 360");
        }

        if (fix.Accuracy is { } accuracy && !(accuracy >= 0 && double.IsFinite(accuracy)))
        {
            return new Rejection(RejectionReason.InvalidField, "acc must be a non-negative number");
        }

        if (fix.Altitude is { } altitude && !double.IsFinite(altitude))
        {
            return new Rejection(RejectionReason.InvalidField, "alt must be a finite number");
        }

        if (fix.Satellites is < 0 or > 255)
        {
            return new Rejection(RejectionReason.InvalidField, "satellites must be between 0 and 255");
        }

        if (fix.Hdop is { } hdop && !(hdop >= 0 && double.IsFinite(hdop)))
        {
            return new Rejection(RejectionReason.InvalidField, "hdop must be a non-negative number");
        }

        if (fix.Battery is { } battery && !(battery is >= 0 and <= 100))
        {
            return new Rejection(RejectionReason.InvalidField, "battery must be between 0 and 100 percent");
        }

        return null;
    }
}
