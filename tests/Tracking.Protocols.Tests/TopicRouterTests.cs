namespace Tracking.Protocols.Tests;

public sealed class TopicRouterTests
{
    [Fact]
    public void A_native_fix_topic_routes_to_the_native_decoder_with_its_device_id() =>
        Assert.Equal(new TopicRoute(TopicKind.NativeFix, "veh-1", true), TopicRouter.Route("tracking/veh-1/fix"));

    [Theory]
    [InlineData("LE-ARV.07_b")]
    [InlineData("radio.2350017")]
    [InlineData("1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Any_well_formed_device_id_is_taken_from_the_topic(string deviceId) =>
        Assert.Equal(new TopicRoute(TopicKind.NativeFix, deviceId, true), TopicRouter.Route($"tracking/{deviceId}/fix"));

    [Theory]
    [InlineData("tracking/bad id/fix", "bad id")]
    [InlineData("tracking//fix", "")]
    [InlineData("tracking/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/fix", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tracking/a/b/fix", "a/b")]
    [InlineData("tracking/+/fix", "+")]
    [InlineData("tracking/v\u00e9h-1/fix", "v\u00e9h-1")]
    public void A_native_fix_topic_with_a_malformed_device_id_routes_with_the_id_marked_invalid(string topic, string deviceId)
    {
        var route = TopicRouter.Route(topic);

        Assert.Equal(new TopicRoute(TopicKind.NativeFix, deviceId, false), route);
    }

    [Theory]
    [InlineData("tracking/veh-1/dispatch")]
    [InlineData("tracking/veh-1/status")]
    [InlineData("cad/incidents")]
    [InlineData("owntracks/a/b/event")]
    [InlineData("owntracks/a")]
    [InlineData("tracking/veh-1/LIP")]
    [InlineData("tracking/fix")]
    [InlineData("tracking/")]
    [InlineData("tracking")]
    [InlineData("")]
    [InlineData("fix")]
    [InlineData("/tracking/veh-1/fix")]
    [InlineData("Tracking/veh-1/fix")]
    [InlineData("tracking/veh-1/Fix")]
    [InlineData("tracking/veh-1/fixes")]
    [InlineData("tracking/veh-1/fix/")]
    [InlineData("tracking/veh-1/fix/extra")]
    [InlineData("trackingveh-1/fix")]
    public void Any_other_topic_routes_to_other(string topic) =>
        Assert.Equal(TopicRoute.Other, TopicRouter.Route(topic));

    [Fact]
    public void Other_carries_no_device_id()
    {
        Assert.Equal(TopicKind.Other, TopicRoute.Other.Kind);
        Assert.Equal("", TopicRoute.Other.DeviceId);
        Assert.False(TopicRoute.Other.DeviceIdIsValid);
    }

    [Fact]
    public void Routing_a_null_topic_is_a_bug() =>
        Assert.Throws<ArgumentNullException>(() => TopicRouter.Route(null!));

    [Fact]
    public void NativeFixTopic_builds_the_topic_a_device_publishes_to() =>
        Assert.Equal("tracking/veh-1/fix", TopicRouter.NativeFixTopic("veh-1"));

    [Theory]
    [InlineData("veh-1")]
    [InlineData("LE-ARV.07_b")]
    [InlineData("radio.2350017")]
    public void NativeFixTopic_routes_back_to_the_same_device(string deviceId) =>
        Assert.Equal(new TopicRoute(TopicKind.NativeFix, deviceId, true), TopicRouter.Route(TopicRouter.NativeFixTopic(deviceId)));

    [Fact]
    public void The_subscription_filter_matches_the_native_fix_topic_of_any_device() =>
        Assert.Equal(TopicRouter.NativeFixFilter, TopicRouter.NativeFixTopic("+"));

    [Theory]
    [InlineData("tracking/2350017/lip", TopicKind.TetraLip, "2350017")]
    [InlineData("tracking/veh-7/nmea", TopicKind.Nmea, "veh-7")]
    [InlineData("owntracks/pc1234/phone", TopicKind.OwnTracks, "pc1234.phone")]
    public void Each_device_protocol_topic_routes_to_its_decoder_with_the_device_id(string topic, TopicKind kind, string deviceId) =>
        Assert.Equal(new TopicRoute(kind, deviceId, true), TopicRouter.Route(topic));

    [Theory]
    [InlineData("owntracks//phone")]
    [InlineData("owntracks/pc1234/")]
    [InlineData("owntracks/pc 1234/phone")]
    public void An_OwnTracks_topic_with_an_empty_or_bad_user_or_device_has_an_invalid_id(string topic)
    {
        var route = TopicRouter.Route(topic);

        Assert.Equal(TopicKind.OwnTracks, route.Kind);
        Assert.False(route.DeviceIdIsValid);
    }

    [Fact]
    public void The_device_filters_match_every_device_protocol_topic()
    {
        Assert.Equal(["tracking/+/fix", "tracking/+/lip", "tracking/+/nmea", "owntracks/+/+"], TopicRouter.DeviceFilters);
        Assert.Equal("tracking/+/lip", TopicRouter.TetraLipTopic("+"));
        Assert.Equal("tracking/+/nmea", TopicRouter.NmeaTopic("+"));
    }
}
