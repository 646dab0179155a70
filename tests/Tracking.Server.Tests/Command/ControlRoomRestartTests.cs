using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Command;

/// <summary>The control room's state is in PostgreSQL: a restarted server carries on where the last one stopped.</summary>
public sealed class ControlRoomRestartTests
{
    [Fact]
    public async Task After_a_restart_statuses_open_incidents_their_attendances_and_open_alarms_are_as_they_were()
    {
        await using var database = await TestDatabase.CreateAsync();
        Guid alarm;
        await using (var first = new TrackingServer(database.ConnectionString))
        {
            using var http = await first.StartAsync();
            await ControlRoomClient.OnDutyAsync(http, "kilo");
            await ControlRoomClient.OnDutyAsync(http, "lima");
            var incident = new
            {
                id = "INC-RESTART", grade = 1, type = "Robbery", location = new { type = "Point", coordinates = new[] { -1.14, 52.63 } },
                createdAt = DateTimeOffset.UtcNow.AddMinutes(-3),
            };
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/incidents", incident)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/incidents/INC-RESTART/assignments", new { unit = "kilo" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync("/api/units/lima/status", new { status = "unavailable", reason = "custody" })).StatusCode);
            await using var radio = await DeviceClient.ConnectAsync(first.MqttPort, "lima-ra");
            await radio.PublishRawAsync("""{"status":"emergency"}"""u8.ToArray(), topic: "tracking/lima-ra/status");
            var alarms = await Eventually.UntilAsync(() => http.GetFromJsonAsync<JsonElement>("/api/alarms"), a => a.GetArrayLength() == 1, "the alarm");
            alarm = alarms[0].GetProperty("id").GetGuid();
            // Alarms raised by a device are stored by the control room's writer: wait until it has.
            await Eventually.UntilAsync(() => http.GetFromJsonAsync<JsonElement>("/api/alarms?open=false"), a => a.GetArrayLength() == 1, "the alarm stored");
        }

        await using var second = new TrackingServer(database.ConnectionString);
        using var again = await second.StartAsync();

        var kilo = await ControlRoomClient.UnitAsync(again, "kilo");
        Assert.Equal(("assigned", "INC-RESTART"), (kilo!.Status, kilo.Incident));
        var lima = await ControlRoomClient.UnitAsync(again, "lima");
        Assert.Equal(("unavailable", "custody"), (lima!.Status, lima.Reason));
        var open = await again.GetFromJsonAsync<JsonElement>("/api/incidents");
        var restored = open.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "INC-RESTART");
        Assert.Equal("kilo", restored.GetProperty("attendances")[0].GetProperty("unitId").GetString());
        Assert.Equal(alarm, (await again.GetFromJsonAsync<JsonElement>("/api/alarms"))[0].GetProperty("id").GetGuid());
    }
}
