using Tracking.Server.Devices;

namespace Tracking.Server.Tests.Devices;

public sealed class TopicPermissionsTests
{
    private static readonly Func<string, bool> Registered = id => id is "veh-1" or "veh-2" or "2350017" or "pc1234.phone";
    private static readonly Principal Vehicle = new(PrincipalKind.Device, "veh-1");
    private static readonly Principal Phone = new(PrincipalKind.Device, "pc1234.phone");
    private static readonly Principal Gateway = new(PrincipalKind.Gateway, "@tetra");
    private static readonly Principal Cad = new(PrincipalKind.Cad, "@storm");

    [Theory]
    [InlineData("tracking/veh-1/fix", true)]
    [InlineData("tracking/veh-1/nmea", true)]
    [InlineData("tracking/veh-1/lip", true)]
    [InlineData("tracking/veh-1/status", true)]
    [InlineData("tracking/veh-1/dispatch", false)]
    [InlineData("tracking/veh-1/fix/more", false)]
    [InlineData("tracking/veh-2/fix", false)]
    [InlineData("tracking/veh-1x/fix", false)]
    [InlineData("tracking/veh-/fix", false)]
    [InlineData("tracking/veh-1", false)]
    [InlineData("tracking/veh-1/", false)]
    [InlineData("owntracks/veh/1", false)]
    [InlineData("cad/incidents", false)]
    [InlineData("$SYS/broker", false)]
    [InlineData("tracking/+/fix", false)]
    public void A_device_publishes_its_own_topics_only(string topic, bool allowed) =>
        Assert.Equal(allowed, TopicPermissions.CanPublish(Vehicle, topic, Registered));

    [Theory]
    [InlineData("owntracks/pc1234/phone", true)]
    [InlineData("owntracks/pc1234/phone/event", false)]
    [InlineData("owntracks/pc1234.phone", false)]
    [InlineData("owntracks/pc1234/other", false)]
    [InlineData("owntracks/pc12/34.phone", false)]
    [InlineData("tracking/pc1234.phone/fix", true)]
    public void An_OwnTracks_phone_publishes_its_user_and_device_topic(string topic, bool allowed) =>
        Assert.Equal(allowed, TopicPermissions.CanPublish(Phone, topic, Registered));

    [Theory]
    [InlineData("tracking/veh-1/dispatch", true)]
    [InlineData("tracking/veh-2/dispatch", false)]
    [InlineData("tracking/+/dispatch", false)]
    [InlineData("tracking/veh-1/#", false)]
    [InlineData("tracking/veh-1/fix", false)]
    [InlineData("#", false)]
    public void A_device_subscribes_to_its_own_dispatch_topic_only(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicPermissions.CanSubscribe(Vehicle, filter, Registered));

    [Theory]
    [InlineData("tracking/2350017/lip", true)]
    [InlineData("tracking/veh-2/fix", true)]
    [InlineData("tracking/veh-2/status", true)]
    [InlineData("owntracks/pc1234/phone", true)]
    [InlineData("tracking/2359999/lip", false)]
    [InlineData("tracking/bad id/lip", false)]
    [InlineData("tracking/veh-2/dispatch", false)]
    [InlineData("cad/incidents", false)]
    public void A_gateway_publishes_device_topics_of_registered_devices(string topic, bool allowed) =>
        Assert.Equal(allowed, TopicPermissions.CanPublish(Gateway, topic, Registered));

    [Theory]
    [InlineData("tracking/+/dispatch", true)]
    [InlineData("tracking/2350017/dispatch", true)]
    [InlineData("tracking/2359999/dispatch", false)]
    [InlineData("tracking/#", false)]
    public void A_gateway_subscribes_to_dispatch_topics(string filter, bool allowed) =>
        Assert.Equal(allowed, TopicPermissions.CanSubscribe(Gateway, filter, Registered));

    [Theory]
    [InlineData("cad/incidents", true)]
    [InlineData("cad/incidents/more", false)]
    [InlineData("tracking/veh-1/fix", false)]
    public void Command_and_control_publishes_incidents_only_and_subscribes_to_nothing(string topic, bool allowed)
    {
        Assert.Equal(allowed, TopicPermissions.CanPublish(Cad, topic, Registered));
        Assert.False(TopicPermissions.CanSubscribe(Cad, topic, Registered));
    }

    [Fact]
    public void Anonymous_demo_clients_and_the_server_are_not_restricted()
    {
        Assert.True(TopicPermissions.CanPublish(Principal.Anonymous, "anything/at/all", Registered));
        Assert.True(TopicPermissions.CanSubscribe(Principal.Anonymous, "#", Registered));
        Assert.True(TopicPermissions.CanPublish(Principal.Server, "tracking/veh-1/dispatch", Registered));
    }
}
