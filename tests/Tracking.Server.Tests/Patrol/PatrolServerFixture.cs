using Tracking.Server.Tests.Infrastructure;

namespace Tracking.Server.Tests.Patrol;

/// <summary>
/// A running server whose map is <see cref="TestMap"/>, with a short Grace and MinDwell so
/// stays close within a test, over its own database.
/// </summary>
public sealed class PatrolServerFixture() : MapServerFixture(new Dictionary<string, string?>
{
    ["Tracking:Patrol:Grace"] = "00:00:20",
    ["Tracking:Patrol:MinDwell"] = "00:00:30",
    ["Tracking:Patrol:SweepInterval"] = "00:00:01",
})
{
    public async Task<DeviceClient> DeviceAsync(string deviceId)
    {
        await TrackingServer.RegisterAsync(Http, deviceId);
        return await DeviceClient.ConnectAsync(Server.MqttPort, deviceId);
    }
}
