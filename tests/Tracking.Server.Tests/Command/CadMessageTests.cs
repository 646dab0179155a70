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
/// Incidents from command and control over REST and over MQTT (<c>cad/incidents</c>): re-sent messages change
/// nothing, updates apply, and a bad message is refused with its reasons (REST: 400; MQTT: counted) and
/// changes nothing. Reference data imports are all or nothing.
/// </summary>
public sealed class CadMessageTests(CommandServerFixture fixture) : IClassFixture<CommandServerFixture>
{
    private static string IncidentJson(string id, string type = "Concern for welfare", int grade = 2, string extra = "") =>
        $$"""{"id":"{{id}}","grade":{{grade}},"type":"{{type}}","location":{"type":"Point","coordinates":[-1.135,52.631]},"requiredSkills":["first aid"],"vehicleType":null,"createdAt":"2026-11-26T00:10:00Z","status":"open","closedAt":null{{extra}}}""";

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task PublishAsync(string topic, string payload)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(DeviceClient.Options(
            fixture.Server.MqttPort, "cad-gateway", persistentSession: false, username: CommandServerFixture.CadAccount, password: await fixture.CadSecretAsync()));
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess);
        await client.DisconnectAsync(new MqttClientDisconnectOptions());
    }

    private async Task<JsonElement> StatsAsync() => await fixture.Http.GetFromJsonAsync<JsonElement>("/api/command/stats");

    [Fact]
    public async Task A_re_sent_incident_changes_nothing_and_an_update_applies()
    {
        var first = await fixture.Http.PostAsync("/api/incidents", Json(IncidentJson("INC-IDEM")));
        var again = await fixture.Http.PostAsync("/api/incidents", Json(IncidentJson("INC-IDEM")));
        var updated = await fixture.Http.PutAsync("/api/incidents/INC-IDEM", Json(IncidentJson("INC-IDEM", type: "Concern for welfare - elderly male")));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("unchanged", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        Assert.Equal("updated", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString());
        var stored = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/incidents/INC-IDEM");
        Assert.Equal("Concern for welfare - elderly male", stored.GetProperty("type").GetString());
        Assert.Equal(["first aid"], stored.GetProperty("requiredSkills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM incidents WHERE id = 'INC-IDEM'"));
    }

    [Fact]
    public async Task Over_MQTT_a_re_sent_incident_is_stored_once_and_its_update_applies()
    {
        var before = (await StatsAsync()).GetProperty("incidentsAccepted").GetInt64();

        await PublishAsync("cad/incidents", IncidentJson("INC-MQTT", grade: 1));
        await PublishAsync("cad/incidents", IncidentJson("INC-MQTT", grade: 1));
        await PublishAsync("cad/incidents", IncidentJson("INC-MQTT", grade: 2));

        // QoS 1 publishes are acknowledged once stored: by now all three are in.
        Assert.Equal(before + 3, (await StatsAsync()).GetProperty("incidentsAccepted").GetInt64());
        var stored = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/incidents/INC-MQTT");
        Assert.Equal(2, stored.GetProperty("grade").GetInt32());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM incidents WHERE id = 'INC-MQTT'"));
    }

    [Fact]
    public async Task A_bad_incident_over_REST_is_refused_with_every_reason_and_nothing_changes()
    {
        const string Bad = """{"id":"INC BAD; DROP TABLE incidents","grade":5,"location":{"type":"Point","coordinates":[-1.13]},"vehicleType":"tank","createdAt":"2026-11-26T00:10:00","status":"maybe"}""";

        var response = await fixture.Http.PostAsync("/api/incidents", Json(Bad));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!.Split(':')[0]).ToList();
        Assert.Equal(["id", "grade", "type", "location", "vehicleType", "createdAt", "status"], errors);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM incidents WHERE id LIKE 'INC BAD%'"));
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Http.PostAsync("/api/incidents", Json("not json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Http.PostAsync("/api/incidents", Json(IncidentJson("INC-" + new string('x', 100_000))))).StatusCode);
    }

    [Fact]
    public async Task A_bad_incident_over_MQTT_is_counted_by_reason_and_changes_nothing()
    {
        var incidents = await CountAsync("SELECT count(*) FROM incidents");

        await PublishAsync("cad/incidents", """{"id":"INC-NOGRADE","type":"Theft","location":{"type":"Point","coordinates":[-1.13,52.63]},"createdAt":"2026-11-26T00:10:00Z"}""");
        await PublishAsync("cad/incidents", "{");

        var rejected = (await StatsAsync()).GetProperty("rejected");
        Assert.Equal(1, rejected.GetProperty("cad:grade").GetInt64());
        Assert.Equal(1, rejected.GetProperty("cad:message").GetInt64());
        Assert.Equal(incidents, await CountAsync("SELECT count(*) FROM incidents"));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync("/api/incidents/INC-NOGRADE")).StatusCode);
    }

    [Fact]
    public async Task A_reference_import_with_one_bad_row_is_refused_whole_with_the_row_and_field_named()
    {
        const string Csv = "id,callSign,type,station,team\nCSV1,Call CSV1,responseCar,HQ,West\nCSV2,Call CSV2,hovercraft,HQ,West\n";

        var response = await fixture.Http.PostAsync("/api/units/import", new StringContent(Csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal(2, error.GetProperty("row").GetInt32());
        Assert.Equal("type", error.GetProperty("field").GetString());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM units WHERE id LIKE 'CSV%'"));

        var good = await fixture.Http.PostAsync("/api/units/import", new StringContent(Csv.Replace("hovercraft", "van", StringComparison.Ordinal), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(2, (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        var export = await fixture.Http.GetStringAsync("/api/units/export?format=csv");
        Assert.Contains("CSV2,Call CSV2,van,HQ,West", export, StringComparison.Ordinal);
        Assert.Equal("van", (await fixture.UnitAsync("CSV2"))!.Type);
    }
}
