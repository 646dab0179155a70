namespace Tracking.Protocols.Tests;

/// <summary>The speed converters, checked against their definitions: 1 kn = 1852 m/h, 1 km/h = 1000 m/h.</summary>
public sealed class SpeedConversionsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1852.0 / 3600)]
    [InlineData(3600, 1852)]
    [InlineData(18, 9.26)]
    public void Knots_are_1852_metres_per_hour(double knots, double metresPerSecond) =>
        Assert.Equal(metresPerSecond, SpeedConversions.KnotsToMetresPerSecond(knots), 1e-12);

    [Fact]
    public void A_hundred_metres_per_second_is_about_194_knots() =>
        Assert.Equal(100, SpeedConversions.KnotsToMetresPerSecond(194.38444924406048), 1e-12);

    [Fact]
    public void The_converters_use_the_exact_factors()
    {
        Assert.Equal(1852.0 / 3600.0, SpeedConversions.KnotsToMetresPerSecond(1));
        Assert.Equal(1 / 3.6, SpeedConversions.KilometresPerHourToMetresPerSecond(1));
    }

    [Theory]
    [InlineData(36, 10)]
    [InlineData(3.6, 1)]
    public void Kilometres_per_hour_are_1000_metres_per_hour(double kilometresPerHour, double metresPerSecond) =>
        Assert.Equal(metresPerSecond, SpeedConversions.KilometresPerHourToMetresPerSecond(kilometresPerHour), 1e-12);
}
