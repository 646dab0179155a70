using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Durability;

/// <summary>PostgreSQL goes away for 30 s while devices keep publishing: every acknowledged fix must arrive, once.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Fixes_acknowledged_while_PostgreSQL_is_stopped_for_30_seconds_are_all_stored_once_it_is_back()
    {
        await using var cluster = await PostgresCluster.CreateAsync();
        await using var database = await TestDatabase.CreateAsync(cluster.ConnectionString);
        // The device publishes a fix every 10 ms: what is tested is durability, not its message rate.
        await using var server = new TrackingServer(database.ConnectionString, demoMode: true, new Dictionary<string, string?>
        {
            ["Tracking:DeviceSecurity:MessagesPerSecond"] = "100000",
            ["Tracking:DeviceSecurity:Burst"] = "100000",
        });
        using var http = await server.StartAsync();
        await using var publisher = new ResilientPublisher(server.MqttPort, "outage-veh-1", anonymous: true);
        // One fix a second ending well before now: every one of them is valid, so every acknowledgement means stored.
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var fixes = Enumerable.Range(0, 3000).Select(i => DeviceClient.Fix("outage-veh-1", start.AddSeconds(i))).ToList();
        var reached100 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.OnAcknowledged = count =>
        {
            if (count == 100)
            {
                reached100.SetResult();
            }
        };
        using var stopPublishing = new CancellationTokenSource();
        var publishing = publisher.PublishAllAsync(fixes, TimeSpan.FromMilliseconds(10), stopPublishing.Token);

        await reached100.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cluster.StopAsync();
        var acknowledgedAtStop = publisher.Acknowledged;
        await Task.Delay(TimeSpan.FromSeconds(30));
        var acknowledgedDuringOutage = publisher.Acknowledged - acknowledgedAtStop;
        await cluster.StartAsync();
        await Eventually.UntilAsync(() => Task.FromResult(publisher.Acknowledged), n => n >= acknowledgedAtStop + acknowledgedDuringOutage + 100, "publishing to go on after the outage");
        await stopPublishing.CancelAsync();
        await publishing;

        Assert.True(acknowledgedDuringOutage > 100, $"only {acknowledgedDuringOutage} fixes were acknowledged while PostgreSQL was down");
        var acknowledged = publisher.Acknowledged;
        await Eventually.UntilAsync(
            () => database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'outage-veh-1'"), n => n >= acknowledged,
            $"{acknowledged} acknowledged fixes in PostgreSQL; server log: {server.LoggedProblems}");
        // Every acknowledged fix is there (they were published in order), and nothing beyond the one that may have been in flight.
        Assert.Equal(acknowledged, await database.ScalarAsync(
            $"SELECT count(*) FROM fixes WHERE device_id = 'outage-veh-1' AND device_time < '{fixes[(int)acknowledged - 1].DeviceTime.AddMilliseconds(1):O}'"));
        Assert.InRange(await database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'outage-veh-1'"), acknowledged, acknowledged + 1);
    }
}
