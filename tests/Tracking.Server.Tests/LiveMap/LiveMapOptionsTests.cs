using Microsoft.Extensions.Options;
using Tracking.Server.LiveMap;
using Tracking.Server.Tests.Infrastructure;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>The live map's settings are checked at start, with a message that says what to set.</summary>
public sealed class LiveMapOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("51")]
    [InlineData("NaN")]
    public void A_frame_rate_out_of_range_stops_the_server_at_start_and_says_what_to_set(string framesPerSecond)
    {
        using var server = new TrackingServer("Host=127.0.0.1;Database=unused", settings: new Dictionary<string, string?>
        {
            ["Tracking:LiveMap:MaxFramesPerSecond"] = framesPerSecond,
        });
        server.FailOnLoggedErrors = false;

        var refused = Assert.Throws<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("Tracking:LiveMap:MaxFramesPerSecond must be more than 0 and at most 50", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Tracking__LiveMap__MaxFramesPerSecond", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_is_two_frames_a_second_and_a_heartbeat_every_two_seconds()
    {
        var options = new LiveMapOptions();

        Assert.Empty(options.Problems());
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.FrameInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HeartbeatInterval);
    }

    [Theory]
    [InlineData("00:00:00.4")]
    [InlineData("00:01:00.001")]
    public void A_heartbeat_shorter_than_a_frame_interval_or_longer_than_a_minute_is_refused(string interval) =>
        Assert.Equal(["HeartbeatInterval must be at least one frame interval and at most one minute."],
            new LiveMapOptions { HeartbeatInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) }.Problems());
}
