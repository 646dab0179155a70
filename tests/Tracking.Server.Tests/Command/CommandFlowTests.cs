using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MQTTnet;
using Npgsql;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Command;

/// <summary>
/// Command and control end to end, through MQTT and PostGIS: the rota puts units on duty, their fixes place them,
/// an incident gets recommendations, an assignment dispatches a unit to its devices, its track arrives, and the
/// response time, self-deployments and emergency alarms follow. Each test works in its own latitude band, so the
/// tests' units and incidents never meet.
/// </summary>
public sealed class CommandFlowTests(CommandServerFixture fixture) : IClassFixture<CommandServerFixture>
{
    private const double Longitude = -1.14;

    private static DateTimeOffset WholeSecond(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling(time.ToUnixTimeMilliseconds() / 1000.0));

    private static object Incident(string id, double latitude, DateTimeOffset createdAt, int grade = 1, string[]? skills = null, string? vehicleType = null,
        string status = "open", DateTimeOffset? closedAt = null, string type = "Burglary in progress") => new
        {
            id,
            grade,
            type,
            location = new { type = "Point", coordinates = new[] { Longitude, latitude } },
            requiredSkills = skills ?? [],
            vehicleType,
            createdAt,
            status,
            closedAt,
        };

    private static async Task PlaceAsync(DeviceClient device, double latitude, DateTimeOffset time, double longitude = Longitude)
    {
        await device.PublishAsync(DeviceClient.Fix(device.DeviceId, time, lat: latitude, lon: longitude));
    }

    private async Task<UnitState> PositionedAsync(string unit, DateTimeOffset time) =>
        (await Eventually.UntilAsync(() => fixture.UnitAsync(unit), u => u?.Position?.Time >= time, $"{unit} placed at {time:O}"))!;

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await fixture.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Rota_fixes_recommendation_assignment_dispatch_arrival_and_response_time_work_end_to_end()
    {
        const double Band = 52.600;
        await fixture.OnDutyAsync("e2e");
        await using var vehicle = await fixture.DeviceAsync("e2e-veh");
        var dispatches = new List<string>();
        vehicle.Mqtt.ApplicationMessageReceivedAsync += e =>
        {
            lock (dispatches)
            {
                dispatches.Add(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            }

            return Task.CompletedTask;
        };
        await vehicle.Mqtt.SubscribeAsync("tracking/e2e-veh/dispatch", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

        // The car is 0.005° of latitude (about 556 m) south of the incident.
        var placed = WholeSecond(DateTimeOffset.UtcNow);
        await PlaceAsync(vehicle, Band - 0.005, placed);
        await PositionedAsync("e2e", placed);

        var created = WholeSecond(DateTimeOffset.UtcNow.AddMinutes(-5));
        var post = await fixture.Http.PostAsJsonAsync("/api/incidents", Incident("INC-E2E", Band, created));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);

        var recommendations = await GetAsync("/api/incidents/INC-E2E/recommendations?count=5");
        var first = recommendations.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unit").GetString() == "e2e");
        Assert.Equal("straightLine", recommendations.GetProperty("basis").GetString());
        Assert.InRange(first.GetProperty("distanceMetres").GetDouble(), 550, 562);
        // Straight line × 1.4 detour at 30 mph (13.4112 m/s).
        Assert.Equal(first.GetProperty("distanceMetres").GetDouble() * 1.4 / 13.4112, first.GetProperty("etaSeconds").GetDouble(), 6);
        Assert.Equal(["PC e2e A", "PC e2e B"], first.GetProperty("crew").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var assign = await fixture.Http.PostAsJsonAsync("/api/incidents/INC-E2E/assignments", new { unit = "e2e" });
        Assert.Equal(HttpStatusCode.Created, assign.StatusCode);
        Assert.Equal("assigned", (await fixture.UnitAsync("e2e"))!.Status);
        var dispatch = await Eventually.UntilAsync(() => Task.FromResult(dispatches.ToList()), d => d.Count > 0, "the dispatch on the vehicle's topic");
        Assert.StartsWith("tracking/e2e-veh/dispatch ", dispatch[0], StringComparison.Ordinal);
        Assert.Contains("\"incident\":\"INC-E2E\"", dispatch[0], StringComparison.Ordinal);

        // 60 m from the incident: inside the 100 m radius.
        // After the assignment, and later than the first fix (a fix no later than the held one does not move a unit).
        var arrived = WholeSecond(DateTimeOffset.UtcNow);
        arrived = arrived > placed ? arrived : placed.AddSeconds(1);
        await PlaceAsync(vehicle, Band - 0.00054, arrived);
        var atScene = await Eventually.UntilAsync(() => fixture.UnitAsync("e2e"), u => u?.Status == "atScene", "e2e at scene");
        Assert.Equal("INC-E2E", atScene!.Incident);

        var incident = await GetAsync("/api/incidents/INC-E2E");
        var response = incident.GetProperty("response");
        Assert.Equal((arrived - created).TotalSeconds, response.GetProperty("toArrivedSeconds").GetDouble());
        Assert.Equal(900, response.GetProperty("targetSeconds").GetDouble());
        Assert.True(response.GetProperty("met").GetBoolean());
        Assert.False(incident.GetProperty("multipleDeployment").GetBoolean());

        // Stored: the attendance, and every status change with its cause.
        // Arrivals are stored by the control room's writer, just after they are applied.
        await Eventually.UntilAsync(
            () => ScalarAsync<bool>("SELECT coalesce(bool_or(arrived_at IS NOT NULL), false) FROM attendances WHERE incident_id = 'INC-E2E' AND unit_id = 'e2e'"),
            stored => stored, "the arrival stored");
        Assert.Equal(arrived, await ScalarAsync<DateTime>("SELECT arrived_at FROM attendances WHERE incident_id = 'INC-E2E' AND unit_id = 'e2e'"));
        var causes = await Eventually.UntilAsync(
            () => ScalarAsync<string>("SELECT string_agg(status || ':' || cause, ',' ORDER BY at, id) FROM unit_status_history WHERE unit_id = 'e2e'"),
            c => c.Contains("atScene", StringComparison.Ordinal), "the arrival stored");
        Assert.Equal("available:shiftStart,assigned:assignment,atScene:arrival", causes);
    }

    [Fact]
    public async Task A_unit_that_stays_at_an_incident_it_was_not_sent_to_is_recorded_as_self_deployed_and_as_a_multiple_deployment()
    {
        const double Band = 52.610;
        await fixture.OnDutyAsync("sent");
        await fixture.OnDutyAsync("self");
        await using var sent = await fixture.DeviceAsync("sent-veh");
        await using var self = await fixture.DeviceAsync("self-veh");
        var created = WholeSecond(DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents", Incident("INC-SELF", Band, created, grade: 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents/INC-SELF/assignments", new { unit = "sent" })).StatusCode);

        var now = WholeSecond(DateTimeOffset.UtcNow);
        await PlaceAsync(sent, Band, now);
        // The other car turns up without being sent, and stays 40 s (the dwell is 30 s).
        await PlaceAsync(self, Band + 0.0003, now.AddSeconds(-40));
        await PlaceAsync(self, Band + 0.0002, now.AddSeconds(-20));
        await PlaceAsync(self, Band + 0.0002, now);

        var incident = await Eventually.UntilAsync(() => GetAsync("/api/incidents/INC-SELF"), i => i.GetProperty("unitsArrived").GetInt32() == 2, "both units at the scene");
        var attendances = incident.GetProperty("attendances").EnumerateArray().ToDictionary(a => a.GetProperty("unitId").GetString()!);
        Assert.False(attendances["sent"].GetProperty("selfDeployed").GetBoolean());
        Assert.True(attendances["self"].GetProperty("selfDeployed").GetBoolean());
        Assert.Equal(now.AddSeconds(-40), attendances["self"].GetProperty("arrivedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, attendances["self"].GetProperty("assignedAt").ValueKind);
        Assert.True(incident.GetProperty("multipleDeployment").GetBoolean());
        // The first at the scene was the self-deployed car: the response time is its arrival.
        Assert.Equal((now.AddSeconds(-40) - created).TotalSeconds, incident.GetProperty("response").GetProperty("toArrivedSeconds").GetDouble());
        Assert.Equal("atScene", (await fixture.UnitAsync("self"))!.Status);
        Assert.True(await Eventually.UntilAsync(
            () => ScalarAsync<bool>("SELECT coalesce(bool_or(self_deployed), false) FROM attendances WHERE incident_id = 'INC-SELF' AND unit_id = 'self'"),
            stored => stored, "the self-deployment stored"));

        // Closing the incident frees both.
        var closed = Incident("INC-SELF", Band, created, grade: 2, status: "closed", closedAt: now);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.PutAsJsonAsync("/api/incidents/INC-SELF", closed)).StatusCode);
        Assert.Equal("available", (await fixture.UnitAsync("sent"))!.Status);
        Assert.Equal("available", (await fixture.UnitAsync("self"))!.Status);
        Assert.Equal(2, (await GetAsync("/api/incidents/INC-SELF")).GetProperty("unitsArrived").GetInt32());
    }

    [Fact]
    public async Task A_skill_that_expired_yesterday_excludes_the_unit_and_explain_says_so()
    {
        const double Band = 52.620;
        var now = DateTimeOffset.UtcNow;
        await fixture.OnDutyAsync("arv-lapsed", new Dictionary<string, DateTimeOffset?> { ["firearms"] = now.AddDays(-1) }, "armedResponseVehicle");
        await fixture.OnDutyAsync("arv-valid", new Dictionary<string, DateTimeOffset?> { ["firearms"] = now.AddDays(30) }, "armedResponseVehicle");
        await using var lapsed = await fixture.DeviceAsync("arv-lapsed-veh");
        await using var valid = await fixture.DeviceAsync("arv-valid-veh");
        var time = WholeSecond(now);
        // The lapsed crew is nearer.
        await PlaceAsync(lapsed, Band - 0.001, time);
        await PlaceAsync(valid, Band - 0.004, time);
        await PositionedAsync("arv-lapsed", time);
        await PositionedAsync("arv-valid", time);
        await fixture.Http.PostAsJsonAsync("/api/incidents", Incident("INC-ARV", Band, time.AddMinutes(-1), skills: ["Firearms"], vehicleType: "armedResponseVehicle"));

        var answer = await GetAsync("/api/incidents/INC-ARV/recommendations?count=5&explain=true");

        Assert.Equal(["arv-valid"], answer.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()));
        var excluded = answer.GetProperty("excluded").EnumerateArray().Single(e => e.GetProperty("unit").GetString() == "arv-lapsed");
        Assert.Equal("expiredSkill", excluded.GetProperty("reason").GetString());
        Assert.Equal("ExpiredSkill(Firearms)", excluded.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_emergency_from_a_radio_raises_an_alarm_with_back_up_that_a_dispatcher_clears()
    {
        const double Band = 52.630;
        await fixture.OnDutyAsync("alpha");
        await fixture.OnDutyAsync("bravo");
        await using var alphaRadio = await fixture.DeviceAsync("alpha-ra");
        await using var bravo = await fixture.DeviceAsync("bravo-veh");
        var time = WholeSecond(DateTimeOffset.UtcNow);
        await PlaceAsync(bravo, Band - 0.003, time);
        await PositionedAsync("bravo", time);

        // The radio's LIP short location report with reason for sending 2, "emergency condition detected".
        var longitudeCode = (long)Math.Round(Longitude * (1 << 25) / 360.0);
        var latitudeCode = (long)Math.Round(Band * (1 << 24) / 180.0);
        var bits = BitText.Bits(0, 2) + BitText.Bits(0, 2) + BitText.Bits(longitudeCode, 25) + BitText.Bits(latitudeCode, 24)
            + BitText.Bits(1, 3) + BitText.Bits(0, 7) + BitText.Bits(0, 4) + BitText.Bits(0, 1) + BitText.Bits(2, 8);
        await alphaRadio.PublishRawAsync(Encoding.ASCII.GetBytes(BitText.ToHex(bits)), topic: "tracking/alpha-ra/lip");

        var alarms = await Eventually.UntilAsync(() => GetAsync("/api/alarms"), a => a.EnumerateArray().Any(x => x.GetProperty("deviceId").GetString() == "alpha-ra"), "the alarm");
        var alarm = alarms.EnumerateArray().Single(x => x.GetProperty("deviceId").GetString() == "alpha-ra");
        Assert.Equal("alpha", alarm.GetProperty("unitId").GetString());
        Assert.Equal(["alpha-a"], alarm.GetProperty("officerIds").EnumerateArray().Select(o => o.GetString()));
        var backUp = alarm.GetProperty("backUp").EnumerateArray().Select(b => b.GetProperty("unitId").GetString()).ToList();
        Assert.Equal("bravo", backUp[0]);
        Assert.DoesNotContain("alpha", backUp);
        var id = alarm.GetProperty("id").GetGuid();

        // A second emergency report from the same radio while the alarm is open raises no second alarm.
        await alphaRadio.PublishRawAsync(Encoding.ASCII.GetBytes(BitText.ToHex(bits)), topic: "tracking/alpha-ra/lip");
        var clear = await fixture.Http.PostAsJsonAsync($"/api/alarms/{id}/clear", new { by = "Dispatcher Jones", note = "officer safe, false alarm" });
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.DoesNotContain((await GetAsync("/api/alarms")).EnumerateArray(), x => x.GetProperty("deviceId").GetString() == "alpha-ra");
        Assert.Equal("Dispatcher Jones", await ScalarAsync<string>("SELECT cleared_by FROM alarms WHERE id = $1", id));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM alarms WHERE device_id = 'alpha-ra'"));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.PostAsJsonAsync($"/api/alarms/{id}/clear", new { by = "Dispatcher Jones" })).StatusCode);
    }

    [Fact]
    public async Task An_emergency_on_the_status_topic_raises_an_alarm_at_the_units_last_position()
    {
        const double Band = 52.640;
        await fixture.OnDutyAsync("charlie");
        await using var vehicle = await fixture.DeviceAsync("charlie-veh");
        var time = WholeSecond(DateTimeOffset.UtcNow);
        await PlaceAsync(vehicle, Band, time);
        await PositionedAsync("charlie", time);

        await vehicle.PublishRawAsync("""{"status":"emergency"}"""u8.ToArray(), topic: "tracking/charlie-veh/status");

        var alarms = await Eventually.UntilAsync(() => GetAsync("/api/alarms"), a => a.EnumerateArray().Any(x => x.GetProperty("deviceId").GetString() == "charlie-veh"), "the alarm");
        var alarm = alarms.EnumerateArray().Single(x => x.GetProperty("deviceId").GetString() == "charlie-veh");
        Assert.Equal("statusTopic", alarm.GetProperty("source").GetString());
        Assert.Equal(Band, alarm.GetProperty("latitude").GetDouble(), 9);
        Assert.Equal(["charlie-a", "charlie-b"], alarm.GetProperty("officerIds").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task The_crew_sets_its_status_on_the_status_topic_and_a_dispatcher_through_the_API()
    {
        await fixture.OnDutyAsync("delta");
        await using var radio = await fixture.DeviceAsync("delta-rb");

        await radio.PublishRawAsync("""{"status":"unavailable","reason":"refreshments"}"""u8.ToArray(), topic: "tracking/delta-rb/status");
        var unit = await Eventually.UntilAsync(() => fixture.UnitAsync("delta"), u => u?.Status == "unavailable", "delta unavailable");
        Assert.Equal("refreshments", unit!.Reason);

        var noReason = await fixture.Http.PutAsJsonAsync("/api/units/delta/status", new { status = "unavailable" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var offDuty = await fixture.Http.PutAsJsonAsync("/api/units/delta/status", new { status = "offDuty" });
        Assert.Equal(HttpStatusCode.BadRequest, offDuty.StatusCode);
        var available = await fixture.Http.PutAsJsonAsync("/api/units/delta/status", new { status = "available" });
        Assert.Equal(HttpStatusCode.OK, available.StatusCode);

        // The shift start is stored by the control room's writer, the other two before they were answered.
        var history = await Eventually.UntilAsync(() => GetAsync("/api/units/delta/status/history"), h => h.GetArrayLength() == 3, "delta's history");
        Assert.Equal(
            ["available:shiftStart", "unavailable:device", "available:dispatcher"],
            history.EnumerateArray().Select(h => h.GetProperty("status").GetString() + ":" + h.GetProperty("cause").GetString()));
    }

    [Fact]
    public async Task A_radio_carried_away_from_its_vehicle_is_a_foot_patrol_in_its_own_right()
    {
        const double Band = 52.650;
        await fixture.OnDutyAsync("echo");
        await using var vehicle = await fixture.DeviceAsync("echo-veh");
        await using var radio = await fixture.DeviceAsync("echo-rb");
        var time = WholeSecond(DateTimeOffset.UtcNow);
        await PlaceAsync(vehicle, Band, time);
        await PositionedAsync("echo", time);

        // 0.004° north: about 445 m from the car.
        await PlaceAsync(radio, Band + 0.004, time.AddSeconds(1));

        var foot = await Eventually.UntilAsync(() => fixture.UnitAsync("echo.echo-b"), u => u?.Position is not null, "the foot patrol");
        Assert.Equal("footPatrol", foot!.Type);
        Assert.Equal("echo", foot.ParentUnit);
        Assert.Equal("echo-b", foot.Officer);
        Assert.Equal("available", foot.Status);
        Assert.Equal(Band, (await fixture.UnitAsync("echo"))!.Position!.Latitude, 9);

        // Back beside the car: crew again.
        await PlaceAsync(radio, Band + 0.0002, time.AddSeconds(2));
        await Eventually.UntilAsync(() => fixture.UnitAsync("echo.echo-b"), u => u is null, "the foot patrol back in the car");
    }

    [Fact]
    public async Task A_phone_carried_away_from_its_vehicle_makes_its_officer_a_foot_patrol_as_a_radio_does()
    {
        const double Band = 52.660;
        await fixture.OnDutyAsync("foxtrot", phones: true);
        await using var vehicle = await fixture.DeviceAsync("foxtrot-veh");
        await using var phone = await fixture.DeviceAsync("foxtrot-pb");
        await using var radio = await fixture.DeviceAsync("foxtrot-rb");
        var time = WholeSecond(DateTimeOffset.UtcNow);
        await PlaceAsync(vehicle, Band, time);
        await PositionedAsync("foxtrot", time);

        // 0.004° north: about 445 m from the car.
        await PlaceAsync(phone, Band + 0.004, time.AddSeconds(1));

        var foot = await Eventually.UntilAsync(() => fixture.UnitAsync("foxtrot.foxtrot-b"), u => u?.Position is not null, "the foot patrol");
        Assert.Equal(("footPatrol", "foxtrot", "foxtrot-b", "available"), (foot!.Type, foot.ParentUnit, foot.Officer, foot.Status));
        Assert.Equal("foxtrot-pb", foot.Position!.Device);
        Assert.Equal(Band, (await fixture.UnitAsync("foxtrot"))!.Position!.Latitude, 9);
        var history = await Eventually.UntilAsync(() => GetAsync("/api/units/foxtrot.foxtrot-b/status/history"), h => h.GetArrayLength() > 0, "the foot patrol's first status");
        Assert.Equal("phone away from Call foxtrot", history[0].GetProperty("reason").GetString());

        // The officer carries a radio too: the latest fix of either places them.
        await PlaceAsync(radio, Band + 0.0041, time.AddSeconds(2));
        await Eventually.UntilAsync(() => fixture.UnitAsync("foxtrot.foxtrot-b"), u => u?.Position?.Device == "foxtrot-rb", "the foot patrol placed by the radio");
        await PlaceAsync(phone, Band + 0.0042, time.AddSeconds(3));
        foot = await Eventually.UntilAsync(() => fixture.UnitAsync("foxtrot.foxtrot-b"), u => u?.Position?.Device == "foxtrot-pb", "the foot patrol placed by the phone again");
        Assert.Equal(Band + 0.0042, foot!.Position!.Latitude, 9);

        // Back beside the car: crew again.
        await PlaceAsync(phone, Band + 0.0002, time.AddSeconds(4));
        await Eventually.UntilAsync(() => fixture.UnitAsync("foxtrot.foxtrot-b"), u => u is null, "the foot patrol back in the car");
    }

    [Fact]
    public async Task A_crew_foot_patrol_takes_its_status_from_its_officers_phone_and_is_dispatched_to_their_radio_and_phone()
    {
        const double Band = 52.670;
        await fixture.OnDutyAsync("india", phones: true);
        await using var vehicle = await fixture.DeviceAsync("india-veh");
        await using var phone = await fixture.DeviceAsync("india-pb");
        await using var radio = await fixture.DeviceAsync("india-rb");
        var dispatches = await DispatchesOfAsync(phone, radio);
        var time = WholeSecond(DateTimeOffset.UtcNow);
        await PlaceAsync(vehicle, Band - 0.004, time);
        await PositionedAsync("india", time);
        await PlaceAsync(phone, Band, time.AddSeconds(1));
        await Eventually.UntilAsync(() => fixture.UnitAsync("india.india-b"), u => u?.Position is not null, "the foot patrol");

        await phone.PublishRawAsync("""{"status":"unavailable","reason":"taking a statement"}"""u8.ToArray(), topic: "tracking/india-pb/status");

        var foot = await Eventually.UntilAsync(() => fixture.UnitAsync("india.india-b"), u => u?.Status == "unavailable", "the foot patrol unavailable");
        Assert.Equal("taking a statement", foot!.Reason);
        Assert.Equal("available", (await fixture.UnitAsync("india"))!.Status);

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.PutAsJsonAsync("/api/units/india.india-b/status", new { status = "available" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents", Incident("INC-INDIA", Band + 0.002, time.AddMinutes(-1), grade: 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents/INC-INDIA/assignments", new { unit = "india.india-b" })).StatusCode);

        var received = await Eventually.UntilAsync(() => Task.FromResult(dispatches.Snapshot()), d => d.Count == 2, "the dispatch on the officer's radio and phone");
        Assert.Equal(["tracking/india-pb/dispatch", "tracking/india-rb/dispatch"], received.Select(d => d.Topic).Order(StringComparer.Ordinal));
        Assert.All(received, d => Assert.Contains("\"incident\":\"INC-INDIA\"", d.Payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_foot_unit_with_only_a_phone_is_placed_by_it_takes_its_status_from_it_and_is_dispatched_to_it()
    {
        // Regression: the rota had no place for a phone, so a PCSO's phone status was refused ("no unit on duty has
        // device 'pc13.phone'") and its fixes belonged to no unit.
        const double Band = 52.680;
        await fixture.FootOnDutyWithPhoneAsync("papa");
        await using var phone = await fixture.DeviceAsync("papa.phone");
        var dispatches = await DispatchesOfAsync(phone);
        var time = WholeSecond(DateTimeOffset.UtcNow);

        await PlaceAsync(phone, Band, time);
        var placed = await PositionedAsync("papa", time);
        await phone.PublishRawAsync("""{"status":"unavailable","reason":"refreshments"}"""u8.ToArray(), topic: "tracking/papa.phone/status");
        var unavailable = await Eventually.UntilAsync(() => fixture.UnitAsync("papa"), u => u?.Status == "unavailable", "papa unavailable");
        await phone.PublishRawAsync("""{"status":"available"}"""u8.ToArray(), topic: "tracking/papa.phone/status");
        await Eventually.UntilAsync(() => fixture.UnitAsync("papa"), u => u?.Status == "available", "papa available again");
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents", Incident("INC-PAPA", Band + 0.001, time.AddMinutes(-1), grade: 3))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents/INC-PAPA/assignments", new { unit = "papa" })).StatusCode);

        Assert.Equal(("papa.phone", "pcso"), (placed.Position!.Device, placed.Type));
        Assert.Equal("refreshments", unavailable!.Reason);
        var dispatch = Assert.Single(await Eventually.UntilAsync(() => Task.FromResult(dispatches.Snapshot()), d => d.Count > 0, "the dispatch on the phone's topic"));
        Assert.Equal("tracking/papa.phone/dispatch", dispatch.Topic);
        Assert.Contains("\"unit\":\"papa\"", dispatch.Payload, StringComparison.Ordinal);
        var status = await GetAsync("/api/units/papa/status");
        var crew = Assert.Single(status.GetProperty("crew").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, crew.GetProperty("radio").ValueKind);
        Assert.Equal("papa.phone", crew.GetProperty("phone").GetString());
        var export = await fixture.Http.GetStringAsync("/api/shifts/export?format=csv");
        Assert.StartsWith("id,unit,start,end,vehicle,officer,radio,phone\r\n", export, StringComparison.Ordinal);
        Assert.Contains(",,papa-a,,papa.phone\r\n", export, StringComparison.Ordinal);
    }

    /// <summary>Subscribes each device to its own dispatch topic and collects what arrives there.</summary>
    private static async Task<ReceivedMessages> DispatchesOfAsync(params DeviceClient[] devices)
    {
        var received = new ReceivedMessages();
        foreach (var device in devices)
        {
            device.Mqtt.ApplicationMessageReceivedAsync += e =>
            {
                received.Add(e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
                return Task.CompletedTask;
            };
            await device.Mqtt.SubscribeAsync($"tracking/{device.DeviceId}/dispatch", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return received;
    }

    /// <summary>Messages received by MQTT clients, in order; thread-safe.</summary>
    private sealed class ReceivedMessages
    {
        private readonly List<(string Topic, string Payload)> _messages = [];

        public void Add(string topic, string payload)
        {
            lock (_messages)
            {
                _messages.Add((topic, payload));
            }
        }

        public List<(string Topic, string Payload)> Snapshot()
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    [Fact]
    public async Task A_unit_goes_off_duty_when_its_shift_ends_and_is_offered_no_more()
    {
        await fixture.OnDutyAsync("golf", endsIn: TimeSpan.FromSeconds(3));

        var off = await Eventually.UntilAsync(() => fixture.UnitAsync("golf"), u => u?.Status == "offDuty", "golf off duty");

        Assert.False(off!.OnDuty);
        static string Last(JsonElement history) =>
            history.EnumerateArray().Select(h => h.GetProperty("status").GetString() + ":" + h.GetProperty("cause").GetString()).LastOrDefault() ?? "";
        await Eventually.UntilAsync(() => GetAsync("/api/units/golf/status/history"), h => Last(h) == "offDuty:shiftEnd", "the shift end stored as the last change");
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Http.PutAsJsonAsync("/api/units/golf/status", new { status = "available" })).StatusCode);
    }

    [Fact]
    public async Task Presence_names_the_unit_the_rota_gave_the_device_when_it_came()
    {
        await fixture.OnDutyAsync("hotel");
        await using var vehicle = await fixture.DeviceAsync("hotel-veh");
        var start = WholeSecond(DateTimeOffset.UtcNow.AddMinutes(-30));
        // East through the test map's park (longitude -1.142 to -1.138) at 0.001° (about 68 m) per 10 s.
        for (var i = 0; i <= 12; i++)
        {
            await PlaceAsync(vehicle, 52.6295, start.AddSeconds(10 * i), -1.146 + (0.001 * i));
        }

        var body = new { locationId = "PARK", from = start.AddMinutes(-1), to = start.AddMinutes(5), devices = new[] { "hotel-veh" } };
        var answer = await Eventually.UntilAsync(
            async () => await (await fixture.Http.PostAsJsonAsync("/api/presence?purpose=tests", body)).Content.ReadFromJsonAsync<JsonElement>(),
            a => a.GetProperty("passes").GetArrayLength() + a.GetProperty("visits").GetArrayLength() > 0, "the drive through the park");

        var stays = answer.GetProperty("visits").EnumerateArray().Concat(answer.GetProperty("passes").EnumerateArray()).ToList();
        Assert.All(stays, stay => Assert.Equal("hotel", stay.GetProperty("unit").GetString()));
    }
}
