using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Core.Tests.Validation;

public sealed class FixValidatorTests
{
    /// <summary>Server time in every test: the validator is clocked by the caller, never by the wall clock.</summary>
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly FixValidator Validator = new(new FixValidationOptions());

    /// <summary>A response car on Gallowtree Gate, Leicester, a second before the server received it.</summary>
    private static Fix Leicester() => new()
    {
        DeviceId = "veh-1",
        DeviceTime = Now.AddSeconds(-1),
        Latitude = 52.6369,
        Longitude = -1.1398,
        Speed = 13.4,
        Heading = 271.5,
        Accuracy = 4.8,
        Altitude = 67.2,
        Source = FixSource.Native,
        ReceivedAt = Now,
    };

    private static void AssertAccepted(Fix fix, FixValidator? validator = null) =>
        Assert.Null((validator ?? Validator).Validate(fix, Now));

    private static Rejection AssertRejected(Fix fix, RejectionReason reason, FixValidator? validator = null)
    {
        var rejection = (validator ?? Validator).Validate(fix, Now);
        Assert.NotNull(rejection);
        Assert.Equal(reason, rejection.Value.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Value.Detail));
        return rejection.Value;
    }

    [Fact]
    public void A_plausible_fix_with_every_field_is_accepted() => AssertAccepted(Leicester());

    [Fact]
    public void A_fix_without_the_optional_fields_is_accepted() =>
        AssertAccepted(Leicester() with { Speed = null, Heading = null, Accuracy = null, Altitude = null });

    [Fact]
    public void A_null_fix_is_a_bug_not_a_rejection() =>
        Assert.Throws<ArgumentNullException>(() => Validator.Validate(null!, Now));

    [Theory]
    [InlineData(90.0)]
    [InlineData(-90.0)]
    [InlineData(89.9999999)]
    [InlineData(-89.9999999)]
    public void Latitude_up_to_90_either_side_is_accepted(double latitude) =>
        AssertAccepted(Leicester() with { Latitude = latitude });

    [Theory]
    [InlineData(90.0000001)]
    [InlineData(-90.0000001)]
    [InlineData(180.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Latitude_beyond_90_or_not_a_number_is_rejected(double latitude) =>
        AssertRejected(Leicester() with { Latitude = latitude }, RejectionReason.LatitudeOutOfRange);

    [Fact]
    public void Latitude_one_representable_step_above_90_is_rejected()
    {
        AssertRejected(Leicester() with { Latitude = Math.BitIncrement(90.0) }, RejectionReason.LatitudeOutOfRange);
        AssertRejected(Leicester() with { Latitude = Math.BitDecrement(-90.0) }, RejectionReason.LatitudeOutOfRange);
    }

    [Theory]
    [InlineData(180.0)]
    [InlineData(-180.0)]
    [InlineData(179.9999999)]
    [InlineData(-179.9999999)]
    public void Longitude_up_to_180_either_side_is_accepted(double longitude) =>
        AssertAccepted(Leicester() with { Longitude = longitude });

    [Theory]
    [InlineData(180.0000001)]
    [InlineData(-180.0000001)]
    [InlineData(360.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Longitude_beyond_180_or_not_a_number_is_rejected(double longitude) =>
        AssertRejected(Leicester() with { Longitude = longitude }, RejectionReason.LongitudeOutOfRange);

    [Fact]
    public void Longitude_one_representable_step_beyond_180_is_rejected()
    {
        AssertRejected(Leicester() with { Longitude = Math.BitIncrement(180.0) }, RejectionReason.LongitudeOutOfRange);
        AssertRejected(Leicester() with { Longitude = Math.BitDecrement(-180.0) }, RejectionReason.LongitudeOutOfRange);
    }

    [Fact]
    public void Exactly_0_0_is_rejected_as_null_island() =>
        AssertRejected(Leicester() with { Latitude = 0, Longitude = 0 }, RejectionReason.NullIsland);

    [Fact]
    public void Negative_zero_counts_as_zero_for_null_island()
    {
        AssertRejected(Leicester() with { Latitude = -0.0, Longitude = 0 }, RejectionReason.NullIsland);
        AssertRejected(Leicester() with { Latitude = 0, Longitude = -0.0 }, RejectionReason.NullIsland);
    }

    [Theory]
    [InlineData(0.0, 5.0)]
    [InlineData(5.0, 0.0)]
    [InlineData(0.0, 0.0000001)]
    [InlineData(0.0000001, 0.0)]
    public void Zero_in_only_one_coordinate_is_accepted(double latitude, double longitude) =>
        AssertAccepted(Leicester() with { Latitude = latitude, Longitude = longitude });

    [Fact]
    public void Device_time_exactly_5_minutes_ahead_is_accepted() =>
        AssertAccepted(Leicester() with { DeviceTime = Now + TimeSpan.FromMinutes(5) });

    [Fact]
    public void Device_time_5_minutes_and_1_ms_ahead_is_rejected_as_time_in_future() =>
        AssertRejected(Leicester() with { DeviceTime = Now + TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1) }, RejectionReason.TimeInFuture);

    [Fact]
    public void Device_time_equal_to_server_time_is_accepted() =>
        AssertAccepted(Leicester() with { DeviceTime = Now });

    [Fact]
    public void Device_time_with_an_offset_is_compared_as_an_instant()
    {
        var plusOneHour = TimeSpan.FromHours(1);

        AssertAccepted(Leicester() with { DeviceTime = (Now + TimeSpan.FromMinutes(5)).ToOffset(plusOneHour) });
        AssertRejected(Leicester() with { DeviceTime = (Now + TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1)).ToOffset(plusOneHour) }, RejectionReason.TimeInFuture);
        AssertAccepted(Leicester() with { DeviceTime = (Now - TimeSpan.FromDays(7)).ToOffset(-plusOneHour) });
    }

    [Fact]
    public void Device_time_exactly_7_days_old_is_accepted() =>
        AssertAccepted(Leicester() with { DeviceTime = Now - TimeSpan.FromDays(7) });

    [Fact]
    public void Device_time_7_days_and_1_ms_old_is_rejected_as_time_too_old() =>
        AssertRejected(Leicester() with { DeviceTime = Now - TimeSpan.FromDays(7) - TimeSpan.FromMilliseconds(1) }, RejectionReason.TimeTooOld);

    [Fact]
    public void Validation_uses_the_given_server_time_not_the_wall_clock()
    {
        var longAgo = new DateTimeOffset(2001, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var fix = Leicester() with { DeviceTime = longAgo.AddSeconds(-30) };

        Assert.Null(Validator.Validate(fix, longAgo));
        Assert.Equal(RejectionReason.TimeTooOld, Validator.Validate(fix, Now)?.Reason);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(31.3)]
    [InlineData(100.0)]
    public void Speed_from_0_to_100_mps_is_accepted(double speed) =>
        AssertAccepted(Leicester() with { Speed = speed });

    [Theory]
    [InlineData(100.01)]
    [InlineData(1000.0)]
    [InlineData(double.PositiveInfinity)]
    public void Speed_above_100_mps_is_rejected_as_speed_too_high(double speed) =>
        AssertRejected(Leicester() with { Speed = speed }, RejectionReason.SpeedTooHigh);

    [Fact]
    public void Speed_one_representable_step_above_100_is_rejected() =>
        AssertRejected(Leicester() with { Speed = Math.BitIncrement(100.0) }, RejectionReason.SpeedTooHigh);

    [Theory]
    [InlineData(-0.01)]
    [InlineData(-13.4)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Negative_or_not_a_number_speed_is_an_invalid_field_naming_spd(double speed)
    {
        var rejection = AssertRejected(Leicester() with { Speed = speed }, RejectionReason.InvalidField);

        Assert.StartsWith("spd ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(180.0)]
    [InlineData(359.9)]
    [InlineData(360.0)]
    public void Heading_from_0_to_360_is_accepted(double heading) =>
        AssertAccepted(Leicester() with { Heading = heading });

    [Theory]
    [InlineData(-0.1)]
    [InlineData(360.1)]
    [InlineData(720.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Heading_outside_0_to_360_is_an_invalid_field_naming_hdg(double heading)
    {
        var rejection = AssertRejected(Leicester() with { Heading = heading }, RejectionReason.InvalidField);

        Assert.StartsWith("hdg ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(4.8)]
    [InlineData(5000.0)]
    public void Non_negative_finite_accuracy_is_accepted(double accuracy) =>
        AssertAccepted(Leicester() with { Accuracy = accuracy });

    [Theory]
    [InlineData(-0.1)]
    [InlineData(-5.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Negative_or_infinite_accuracy_is_an_invalid_field_naming_acc(double accuracy)
    {
        var rejection = AssertRejected(Leicester() with { Accuracy = accuracy }, RejectionReason.InvalidField);

        Assert.StartsWith("acc ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-430.5)]
    [InlineData(0.0)]
    [InlineData(67.2)]
    [InlineData(8848.9)]
    public void Any_finite_altitude_is_accepted(double altitude) =>
        AssertAccepted(Leicester() with { Altitude = altitude });

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Infinite_or_not_a_number_altitude_is_an_invalid_field_naming_alt(double altitude)
    {
        var rejection = AssertRejected(Leicester() with { Altitude = altitude }, RejectionReason.InvalidField);

        Assert.StartsWith("alt ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_maximum_speed_is_honoured()
    {
        var validator = new FixValidator(new FixValidationOptions { MaxSpeed = 50 });

        AssertAccepted(Leicester() with { Speed = 50 }, validator);
        AssertRejected(Leicester() with { Speed = 50.01 }, RejectionReason.SpeedTooHigh, validator);
    }

    [Fact]
    public void Configured_future_skew_is_honoured()
    {
        var validator = new FixValidator(new FixValidationOptions { MaxFutureSkew = TimeSpan.FromMinutes(1) });

        AssertAccepted(Leicester() with { DeviceTime = Now + TimeSpan.FromMinutes(1) }, validator);
        AssertRejected(Leicester() with { DeviceTime = Now + TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(1) }, RejectionReason.TimeInFuture, validator);
        AssertRejected(Leicester() with { DeviceTime = Now + TimeSpan.FromMinutes(5) }, RejectionReason.TimeInFuture, validator);
    }

    [Fact]
    public void Configured_horizon_is_honoured()
    {
        var validator = new FixValidator(new FixValidationOptions { Horizon = TimeSpan.FromDays(1) });

        AssertAccepted(Leicester() with { DeviceTime = Now - TimeSpan.FromDays(1) }, validator);
        AssertRejected(Leicester() with { DeviceTime = Now - TimeSpan.FromDays(1) - TimeSpan.FromMilliseconds(1) }, RejectionReason.TimeTooOld, validator);
        AssertRejected(Leicester() with { DeviceTime = Now - TimeSpan.FromDays(3) }, RejectionReason.TimeTooOld, validator);
    }

    [Fact]
    public void Widened_limits_accept_what_the_defaults_refuse()
    {
        var validator = new FixValidator(new FixValidationOptions
        {
            MaxFutureSkew = TimeSpan.FromHours(1),
            Horizon = TimeSpan.FromDays(30),
            MaxSpeed = 300,
        });
        var fast = Leicester() with { Speed = 250 };
        var ahead = Leicester() with { DeviceTime = Now + TimeSpan.FromMinutes(30) };
        var old = Leicester() with { DeviceTime = Now - TimeSpan.FromDays(20) };

        AssertRejected(fast, RejectionReason.SpeedTooHigh);
        AssertRejected(ahead, RejectionReason.TimeInFuture);
        AssertRejected(old, RejectionReason.TimeTooOld);
        AssertAccepted(fast, validator);
        AssertAccepted(ahead, validator);
        AssertAccepted(old, validator);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(255)]
    public void Satellites_from_0_to_255_are_accepted(int satellites) => AssertAccepted(Leicester() with { Satellites = satellites });

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Satellites_outside_0_to_255_are_an_invalid_field(int satellites) =>
        Assert.StartsWith("satellites ", AssertRejected(Leicester() with { Satellites = satellites }, RejectionReason.InvalidField).Detail, StringComparison.Ordinal);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_hdop_is_an_invalid_field(double hdop) =>
        Assert.StartsWith("hdop ", AssertRejected(Leicester() with { Hdop = hdop }, RejectionReason.InvalidField).Detail, StringComparison.Ordinal);

    [Theory]
    [InlineData(0.0)]
    [InlineData(100.0)]
    public void Battery_from_0_to_100_percent_is_accepted(double battery) => AssertAccepted(Leicester() with { Battery = battery, Hdop = 0.8 });

    [Theory]
    [InlineData(-0.5)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void Battery_outside_0_to_100_percent_is_an_invalid_field(double battery) =>
        Assert.StartsWith("battery ", AssertRejected(Leicester() with { Battery = battery }, RejectionReason.InvalidField).Detail, StringComparison.Ordinal);
}
