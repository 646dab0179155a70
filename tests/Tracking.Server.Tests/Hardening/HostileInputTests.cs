using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tracking.Server.Tests.Command;
using Tracking.Testing;

namespace Tracking.Server.Tests.Hardening;

/// <summary>
/// Every text field a caller can fill, given every <see cref="HostileText"/>: the answer is either success and the
/// stored value read back exactly as sent, or 400 naming the field; never a server error, and the database keeps all
/// its tables and rows (nothing was executed).
/// </summary>
public sealed class HostileInputTests(CommandServerFixture fixture) : IClassFixture<CommandServerFixture>
{
    private const string Unit = "hostile";
    private static int s_next;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in Fields)
        {
            foreach (var value in HostileText.All.Keys)
            {
                data.Add(field, value);
            }
        }

        return data;
    }

    private static readonly HashSet<string> SentAsUtf8 = ["officer team (CSV import)", "audit purpose"];

    private static readonly string[] Fields =
    [
        "device name", "officer name (JSON import)", "officer team (CSV import)", "unit call sign", "incident type",
        "incident required skill", "unit status reason", "alarm cleared by", "alarm note", "location name", "location id",
        "user display name", "audit purpose",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_text_field_is_stored_verbatim_or_refused_with_its_name(string field, string valueName)
    {
        var value = HostileText.All[valueName];
        var tables = await TablesAsync();
        var officers = await fixture.Database.ScalarAsync("SELECT count(*) FROM officers");
        var errors = fixture.Server.LoggedErrors.Count;

        var (response, fieldName, readBack) = await SendAsync(field, value);

        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            // A CSV file and a query string are UTF-8: a lone surrogate cannot be in them, the client sent U+FFFD instead.
            var sent = SentAsUtf8.Contains(field) ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value)) : value;
            Assert.Equal(sent, await readBack());
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} = {valueName}: {(int)response.StatusCode} {Shorten(body)}");
            // A whole message over its size limit is refused as such before any field is read.
            Assert.True(body.Contains(fieldName, StringComparison.OrdinalIgnoreCase) || body.Contains("larger than", StringComparison.Ordinal),
                $"{field} = {valueName}: the refusal does not name {fieldName}: {Shorten(body)}");
        }

        Assert.Equal(tables, await TablesAsync());
        Assert.True(await fixture.Database.ScalarAsync("SELECT count(*) FROM officers") >= officers);
        NoNewErrors(errors);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_hostile_identifier_in_a_path_or_query_is_refused_or_not_found(string valueName)
    {
        var value = Uri.EscapeDataString(HostileText.All[valueName]);
        var errors = fixture.Server.LoggedErrors.Count;
        var now = DateTimeOffset.UtcNow;
        var period = $"from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(now.ToString("O"))}";
        // A NUL in a path is refused by the HTTP server itself (Kestrel answers 400 before any endpoint runs).
        string[] paths = value.Contains("%00", StringComparison.Ordinal) ? [] :
        [
            $"/api/devices/{value}/track",
            $"/api/incidents/{value}",
            $"/api/incidents/{value}/recommendations",
            $"/api/units/{value}/status",
            $"/api/units/{value}/status/history",
            $"/api/locations/{value}/history",
        ];
        string[] queries =
        [
            $"/api/reports/replay?unit={value}&{period}",
            $"/api/reports/replay?device={value}&{period}",
            $"/api/reports/presence?by={value}&{period}",
            $"/api/reports/mileage?format={value}&{period}",
            $"/api/officers/export?format={value}",
        ];
        foreach (var path in paths.Concat(queries))
        {
            var response = await fixture.Http.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.OK,
                $"{path[..Math.Min(path.Length, 80)]}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
        }

        NoNewErrors(errors);
    }

    public static TheoryData<string> Values() => new(HostileText.All.Keys);

    private async Task<(HttpResponseMessage Response, string Field, Func<Task<string?>> ReadBack)> SendAsync(string field, string value)
    {
        var id = "h" + Interlocked.Increment(ref s_next).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var text = HostileText.Json(value);
        switch (field)
        {
            case "device name":
                return (await PutJsonAsync($"/api/devices/{id}", $$"""{"name":{{text}}}"""), "name",
                    async () => Find(await GetAsync("/api/devices"), id, "name"));
            case "officer name (JSON import)":
                return (await PostJsonAsync("/api/officers/import", $$"""[{"id":"{{id}}","name":{{text}},"team":"T","station":"S"}]"""), "name",
                    async () => Find(await GetAsync("/api/officers"), id, "name"));
            case "officer team (CSV import)":
                var csv = new StringContent($"id,name,team,station\r\n{id},PC Hostile,{HostileText.Csv(value)},S\r\n", Encoding.UTF8, "text/csv");
                return (await fixture.Http.PostAsync("/api/officers/import", csv), "team",
                    async () => Find(await GetAsync("/api/officers"), id, "team"));
            case "unit call sign":
                return (await PostJsonAsync("/api/units/import", $$"""[{"id":"{{id}}","callSign":{{text}},"type":"responseCar","station":"S","team":"T"}]"""), "callSign",
                    async () => Find(await GetAsync("/api/units"), id, "callSign"));
            case "incident type":
                return (await PostJsonAsync("/api/incidents", Incident(id, text, "[]")), "type",
                    async () => (await GetAsync($"/api/incidents/{id}")).GetProperty("type").GetString());
            case "incident required skill":
                return (await PostJsonAsync("/api/incidents", Incident(id, "\"burglary\"", $"[{text}]")), "requiredSkills",
                    async () => (await GetAsync($"/api/incidents/{id}")).GetProperty("requiredSkills")[0].GetString());
            case "unit status reason":
                await OnDutyAsync();
                return (await PutJsonAsync($"/api/units/{Unit}/status", $$"""{"status":"unavailable","reason":{{text}}}"""), "reason",
                    async () => (await fixture.UnitAsync(Unit))?.Reason);
            case "alarm cleared by":
            case "alarm note":
                var alarm = await OpenAlarmAsync();
                var clear = field == "alarm cleared by" ? $$"""{"by":{{text}}}""" : $$"""{"by":"Dispatcher Jones","note":{{text}}}""";
                return (await PostJsonAsync($"/api/alarms/{alarm}/clear", clear), field == "alarm cleared by" ? "by" : "note",
                    async () => Find(await GetAsync("/api/alarms?open=false"), alarm, field == "alarm cleared by" ? "clearedBy" : "clearNote"));
            case "location name":
                return (await PostJsonAsync("/api/locations", Location(HostileText.Json("loc-" + id), text)), "name",
                    async () => LocationProperty(await GetAsync($"/api/locations/loc-{id}/history"), "name"));
            case "location id":
                return (await PostJsonAsync("/api/locations", Location(text, "\"Hostile park\"")), "id",
                    async () => LocationProperty(await GetAsync($"/api/locations/{Uri.EscapeDataString(value)}/history"), "id"));
            case "user display name":
                return (await PostJsonAsync("/api/users", $$"""{"name":"{{id}}","displayName":{{text}},"roles":["analyst"]}"""), "displayName",
                    async () => (await GetAsync("/api/users")).EnumerateArray().Single(u => u.GetProperty("name").GetString() == id).GetProperty("displayName").GetString());
            case "audit purpose":
                return (await fixture.Http.GetAsync($"/api/devices/{id}/track?purpose={Uri.EscapeDataString(value)}"), "purpose",
                    async () => (await GetAsync($"/api/audit?subject={id}")).GetProperty("rows")[0].GetProperty("purpose").GetString());
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, "no such input");
        }
    }

    private static string Incident(string id, string type, string skills) =>
        $$"""{"id":"{{id}}","grade":2,"type":{{type}},"requiredSkills":{{skills}},"location":{"type":"Point","coordinates":[-1.1398,52.6369]},"createdAt":"{{DateTimeOffset.UtcNow:O}}","status":"open"}""";

    private static string Location(string id, string name) =>
        $$"""{"id":{{id}},"name":{{name}},"geometry":{"type":"Point","coordinates":[-1.1398,52.6369]},"radius":50,"visitsPerDay":2}""";

    private static string? LocationProperty(JsonElement history, string property) =>
        history.GetProperty("features")[0].GetProperty("properties").GetProperty(property).GetString();

    private static string? Find(JsonElement list, string id, string property) =>
        list.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id).GetProperty(property).GetString();

    private async Task OnDutyAsync()
    {
        if (await fixture.UnitAsync(Unit) is not { OnDuty: true })
        {
            await fixture.OnDutyAsync(Unit);
        }
    }

    /// <summary>An open alarm of the hostile unit's radio: the one a refused clearing left open, else a new emergency.</summary>
    private async Task<string> OpenAlarmAsync()
    {
        await OnDutyAsync();
        static string? Open(JsonElement alarms) => alarms.EnumerateArray()
            .Where(a => a.GetProperty("deviceId").GetString() == Unit + "-ra").Select(a => a.GetProperty("id").GetString()).FirstOrDefault();
        if (Open(await GetAsync("/api/alarms")) is { } open)
        {
            return open;
        }

        await using var radio = await fixture.DeviceAsync(Unit + "-ra");
        await radio.PublishRawAsync("""{"status":"emergency"}"""u8.ToArray(), topic: $"tracking/{Unit}-ra/status");
        return Open(await Eventually.UntilAsync(() => GetAsync("/api/alarms"), a => Open(a) is not null, "the alarm"))!;
    }

    private void NoNewErrors(int before)
    {
        var logged = fixture.Server.LoggedErrors;
        Assert.True(logged.Count == before, "the server logged: " + string.Join('\n', logged.Skip(before)));
    }

    private Task<long> TablesAsync() => fixture.Database.ScalarAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        fixture.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PutJsonAsync(string path, string json) =>
        fixture.Http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await fixture.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
