using Tracking.Protocols.Nmea;

namespace Tracking.Protocols.Tests.Nmea;

/// <summary>The named conversions, checked against their definitions: 1° = 60′, the NMEA 0183 ddmmyy year (knots: SpeedConversionsTests).</summary>
public sealed class NmeaConversionsTests
{
    [Theory]
    [InlineData(52, 38.214, false, 52.6369)]
    [InlineData(1, 8.388, true, -1.1398)]
    [InlineData(0, 0, true, 0)]
    [InlineData(0, 30, true, -0.5)]
    [InlineData(90, 0, false, 90)]
    [InlineData(179, 59.9999, true, -179.99999833333333)]
    public void Degrees_and_minutes_are_decimal_degrees_negative_south_and_west(int degrees, double minutes, bool southOrWest, double expected)
    {
        Assert.Equal(expected, NmeaConversions.DegreesMinutesToDegrees(degrees, minutes, southOrWest), 1e-10);
    }

    [Theory]
    [InlineData(99, 2026, 1999)]
    [InlineData(0, 2026, 2000)]
    [InlineData(26, 2026, 2026)]
    [InlineData(75, 2026, 2075)]
    [InlineData(76, 2026, 1976)]
    [InlineData(99, 2000, 1999)]
    [InlineData(0, 2000, 2000)]
    [InlineData(49, 2000, 2049)]
    [InlineData(50, 2000, 1950)]
    [InlineData(0, 2099, 2100)]
    [InlineData(99, 1999, 1999)]
    public void A_two_digit_year_resolves_within_fifty_years_before_and_forty_nine_after_the_reference(int twoDigitYear, int referenceYear, int year)
    {
        Assert.Equal(year, NmeaConversions.ResolveTwoDigitYear(twoDigitYear, referenceYear));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void A_two_digit_year_outside_00_to_99_is_a_programming_error(int twoDigitYear)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NmeaConversions.ResolveTwoDigitYear(twoDigitYear, 2026));
    }

    [Theory]
    [InlineData("2026-03-01T00:00:30Z", "23:59:59", "2026-02-28T23:59:59Z")]
    [InlineData("2026-03-01T23:59:30Z", "00:00:10", "2026-03-02T00:00:10Z")]
    [InlineData("2026-03-01T12:00:00Z", "12:00:00", "2026-03-01T12:00:00Z")]
    [InlineData("2026-03-01T12:00:00Z", "00:00:00", "2026-03-01T00:00:00Z")]
    [InlineData("2026-03-01T00:00:00Z", "12:00:00", "2026-02-28T12:00:00Z")]
    [InlineData("2026-03-01T01:00:00+02:00", "23:30:00", "2026-02-28T23:30:00Z")]
    public void A_time_of_day_takes_the_date_that_puts_it_nearest_the_reference(string reference, string timeOfDay, string expected)
    {
        var instant = NmeaConversions.NearestInstantWithTimeOfDay(
            TimeSpan.Parse(timeOfDay, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(reference, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
        Assert.Equal(TimeSpan.Zero, instant!.Value.Offset);
    }

    [Fact]
    public void A_time_of_day_with_no_date_in_range_is_null()
    {
        Assert.Null(NmeaConversions.NearestInstantWithTimeOfDay(TimeSpan.FromHours(23), DateTimeOffset.MinValue));
        Assert.Null(NmeaConversions.NearestInstantWithTimeOfDay(TimeSpan.FromHours(1), DateTimeOffset.MaxValue));
    }
}
