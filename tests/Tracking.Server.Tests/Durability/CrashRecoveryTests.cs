using System.Globalization;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Durability;

/// <summary>The server process is killed with SIGKILL mid-stream and started again: nothing acknowledged is lost, nothing is stored twice.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task All_10000_fixes_of_a_persistent_session_client_are_stored_exactly_once_across_a_SIGKILL_and_restart()
    {
        const int Total = 10_000;
        await using var database = await TestDatabase.CreateAsync();
        var journal = Directory.CreateTempSubdirectory("tracking-crash-journal-").FullName;
        var mqttPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Tracking"] = database.ConnectionString,
            ["Tracking__DemoMode"] = "true",
            ["Tracking__Journal__Directory"] = journal,
            ["Mqtt__Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__BindAddress"] = "127.0.0.1",
            ["OsmAnd__Port"] = "0",
            // The device publishes as fast as the server acknowledges: what is tested is durability, not its message rate.
            ["Tracking__DeviceSecurity__MessagesPerSecond"] = "100000",
            ["Tracking__DeviceSecurity__Burst"] = "100000",
        };
        await using var first = new ServerProcess(environment);
        await using var second = new ServerProcess(environment);
        await first.StartAsync();
        await using var publisher = new ResilientPublisher(mqttPort, "crash-veh-1", anonymous: true);
        var killAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.OnAcknowledged = count =>
        {
            if (count == 3_000)
            {
                killAt.SetResult();
            }
        };
        var start = DateTimeOffset.UtcNow.AddHours(-4);
        var publishing = publisher.PublishAllAsync(Enumerable.Range(0, Total).Select(i => DeviceClient.Fix("crash-veh-1", start.AddSeconds(i))));

        await killAt.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await first.KillAsync();
        var acknowledgedBeforeKill = publisher.Acknowledged;
        await second.StartAsync();
        await publishing.WaitAsync(TimeSpan.FromMinutes(5));

        Assert.True(acknowledgedBeforeKill < Total, "the kill came after the last fix: it proved nothing");
        await Eventually.UntilAsync(
            () => database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'crash-veh-1'"), n => n >= Total, $"{Total} fixes in PostgreSQL");
        Assert.Equal(Total, await database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'crash-veh-1'"));
        Assert.Equal(Total, await database.ScalarAsync("SELECT count(DISTINCT device_time) FROM fixes WHERE device_id = 'crash-veh-1'"));
        Assert.DoesNotContain("fail: ", second.Output, StringComparison.Ordinal);
        Directory.Delete(journal, recursive: true);
    }
}
