using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Tracking.Simulator.Cad;

namespace Tracking.Simulator.Tests.Support;

/// <summary>
/// A stand-in for the server's command-and-control API, for the demo's end-to-end test while the real server is being
/// built: it takes the five imports, incidents and their updates, recommends the vehicles it was told about in turn,
/// and on an assignment publishes the dispatch, as the contract says, to <c>tracking/{deviceId}/dispatch</c> of every
/// device of the unit's current shift on a real broker. OsmAnd requests are answered 200. Thread-safe.
/// </summary>
internal sealed class FakeControlRoom(IMqttClient publisher) : HttpMessageHandler
{
    private readonly List<UnitRow> _units = [];
    private readonly List<ShiftRow> _shifts = [];
    private readonly Lock _gate = new();
    private int _next;

    public ConcurrentDictionary<string, int> Imported { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, IncidentMessage> Incidents { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Incident, string Unit)> Assignments { get; } = new();

    public int Recommendations;

    /// <summary>The Authorization header of every API request, as sent.</summary>
    public ConcurrentQueue<string?> ApiAuthorizations { get; } = new();

    public int OsmAndRequests;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath.Trim('/');
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (path.StartsWith("api/", StringComparison.Ordinal))
        {
            ApiAuthorizations.Enqueue(request.Headers.Authorization?.ToString());
        }
        if (path.Length == 0 && request.RequestUri.Query.StartsWith("?id=", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref OsmAndRequests);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        if (path.EndsWith("/import", StringComparison.Ordinal))
        {
            var rows = JsonDocument.Parse(body).RootElement.GetArrayLength();
            Imported[path] = rows;
            lock (_gate)
            {
                if (path == "api/units/import")
                {
                    _units.AddRange(JsonSerializer.Deserialize<List<UnitRow>>(body, CadJson.Options)!);
                }
                else if (path == "api/shifts/import")
                {
                    _shifts.AddRange(JsonSerializer.Deserialize<List<ShiftRow>>(body, CadJson.Options)!);
                }
            }

            return Json(HttpStatusCode.OK, new ImportCounts(rows, 0));
        }

        var parts = path.Split('/');
        if (parts is ["api", "incidents"] || (parts is ["api", "incidents", _] && request.Method == HttpMethod.Put))
        {
            var incident = JsonSerializer.Deserialize<IncidentMessage>(body, CadJson.Options)!;
            Incidents[incident.Id] = incident;
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        if (parts is ["api", "incidents", _, "recommendations"])
        {
            Interlocked.Increment(ref Recommendations);
            UnitRow unit;
            lock (_gate)
            {
                var vehicles = _units.Where(u => u.Type is not ("footPatrol" or "pcso")).ToList();
                unit = vehicles[_next++ % vehicles.Count];
            }

            return Json(HttpStatusCode.OK, new Recommendations([new RecommendedUnit(unit.Id, unit.CallSign, unit.Type, 1000, 120)], "roadNetwork"));
        }

        if (parts is ["api", "incidents", var incidentId, "assignments"])
        {
            var unit = JsonDocument.Parse(body).RootElement.GetProperty("unit").GetString()!;
            Assignments.Enqueue((incidentId, unit));
            await PublishDispatchAsync(incidentId, unit, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.Created);
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private async Task PublishDispatchAsync(string incidentId, string unitId, CancellationToken cancellationToken)
    {
        var incident = Incidents[incidentId];
        var now = DateTimeOffset.UtcNow;
        List<string> devices;
        string callSign;
        lock (_gate)
        {
            callSign = _units.First(u => u.Id == unitId).CallSign;
            // Every device of every shift of the unit around now: the simulated clock may run behind the wall clock.
            devices = _shifts.Where(s => s.Unit == unitId && s.Start <= now.AddHours(2) && s.End >= now.AddHours(-2))
                .SelectMany(s => s.Crew.SelectMany(c => new[] { c.Radio, c.Phone }).Append(s.Vehicle)).OfType<string>().Distinct().ToList();
        }

        var dispatch = new DispatchMessage(incidentId, incident.Grade, incident.Type, incident.Location, unitId, callSign, now);
        foreach (var device in devices)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"tracking/{device}/dispatch")
                .WithPayload(JsonSerializer.SerializeToUtf8Bytes(dispatch, CadJson.Options))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken);
        }
    }

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T value) =>
        new(status) { Content = JsonContent.Create(value, options: CadJson.Options) };
}
