using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Simulator.Cad;

/// <summary>
/// The server's command-and-control API as the simulator uses it: bulk imports of reference data, incidents, recommendations
/// and assignments. Every call returns an <see cref="ApiResult{T}"/> rather than throwing for an HTTP error or an unreachable
/// server, so the simulation carries on without it. Thread-safe (HttpClient is).
/// </summary>
public sealed class CadApiClient(HttpClient http)
{
    /// <summary>POSTs the rows as a JSON array to an import endpoint (all or nothing on the server).</summary>
    public Task<ApiResult<ImportCounts>> ImportAsync(string path, object rows, CancellationToken cancellationToken) =>
        SendAsync<ImportCounts>(HttpMethod.Post, path, rows, cancellationToken);

    /// <summary>Creates or updates an incident (<c>POST /api/incidents</c>, idempotent by id).</summary>
    public Task<ApiResult<JsonElement>> PostIncidentAsync(IncidentMessage incident, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, "api/incidents", incident, cancellationToken);

    /// <summary>Updates an incident (<c>PUT /api/incidents/{id}</c>), for example to close it.</summary>
    public Task<ApiResult<JsonElement>> PutIncidentAsync(IncidentMessage incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return SendAsync<JsonElement>(HttpMethod.Put, "api/incidents/" + Uri.EscapeDataString(incident.Id), incident, cancellationToken);
    }

    public Task<ApiResult<Recommendations>> RecommendAsync(string incidentId, int count, CancellationToken cancellationToken) =>
        SendAsync<Recommendations>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/incidents/{Uri.EscapeDataString(incidentId)}/recommendations?count={count}"), null, cancellationToken);

    /// <summary>Assigns a unit (<c>POST /api/incidents/{id}/assignments</c>); the server then sends the dispatch to the unit's devices.</summary>
    public Task<ApiResult<JsonElement>> AssignAsync(string incidentId, string unitId, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/incidents/{Uri.EscapeDataString(incidentId)}/assignments", new { unit = unitId }, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: CadJson.Options);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var value = text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text, CadJson.Options);
                return new ApiResult<T>(ApiStatus.Ok, value);
            }

            var status = response.StatusCode switch
            {
                HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed => ApiStatus.NotFound,
                >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError => ApiStatus.Refused,
                _ => ApiStatus.Failed,
            };
            return new ApiResult<T>(status, default, Describe(response.StatusCode, text));
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
                                          || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ApiResult<T>(ApiStatus.Failed, default, exception.Message);
        }
    }

    /// <summary>The status and, for an import's 400, its first few row errors.</summary>
    private static string Describe(HttpStatusCode status, string text)
    {
        var detail = string.Create(CultureInfo.InvariantCulture, $"{(int)status} {status}");
        try
        {
            if (text.Length > 0 && JsonSerializer.Deserialize<ImportProblems>(text, CadJson.Options) is { Errors.Count: > 0 } problems)
            {
                return detail + ": " + string.Join("; ", problems.Errors.Take(3).Select(e => string.Create(CultureInfo.InvariantCulture, $"row {e.Row} {e.Field}: {e.Message}")));
            }
        }
        catch (JsonException)
        {
            // Not the import's error shape: the text itself says why.
        }

        return text.Length == 0 ? detail : detail + ": " + (text.Length > 200 ? text[..200] : text);
    }
}
