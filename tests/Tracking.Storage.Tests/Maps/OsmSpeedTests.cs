using Tracking.Storage.Maps;

namespace Tracking.Storage.Tests.Maps;

public sealed class OsmSpeedTests
{
    // Values as they appear on UK ways (OSM wiki Key:maxspeed); expected m/s worked out by hand:
    // 1 mph = 0.44704 m/s exactly, 1 km/h = 1/3.6 m/s, 1 knot = 1852/3600 m/s.
    [Theory]
    [InlineData("30 mph", 13.4112)]
    [InlineData("20mph", 8.9408)]
    [InlineData("50", 13.888888888889)]
    [InlineData("50 km/h", 13.888888888889)]
    [InlineData("50kmh", 13.888888888889)]
    [InlineData("90 kph", 25.0)]
    [InlineData("7.5", 2.083333333333)]
    [InlineData("10 knots", 5.144444444444)]
    [InlineData("40 mph;50 mph", 17.8816)]
    [InlineData("GB:nsl_single", 26.8224)]
    [InlineData("GB:nsl_dual", 31.2928)]
    [InlineData("UK:motorway", 31.2928)]
    [InlineData(" 30 MPH ", 13.4112)]
    public void Posted_limits_are_read_in_metres_per_second(string maxspeed, double expected)
    {
        Assert.Equal(expected, OsmSpeed.Parse(maxspeed)!.Value, 9);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("signals")]
    [InlineData("walk")]
    [InlineData("0")]
    [InlineData("30 furlongs")]
    [InlineData("fast")]
    [InlineData("-30")]
    public void Values_that_are_no_speed_give_nothing_so_the_class_default_is_used(string? maxspeed)
    {
        Assert.Null(OsmSpeed.Parse(maxspeed));
    }
}
