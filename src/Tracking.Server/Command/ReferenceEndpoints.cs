using System.Text;
using Tracking.Core.Duty;
using Tracking.Core.Resources;
using Tracking.Server.Ingestion;
using Tracking.Storage.Command;
using Tracking.Server.Security;

namespace Tracking.Server.Command;

/// <summary>
/// Reference data of command and control: officers, accreditations, units, devices and the duty rota.
/// Each kind is listed (<c>GET /api/{kind}</c>), exported as JSON or CSV (<c>GET /api/{kind}/export?format=csv</c>)
/// and imported in bulk (<c>POST /api/{kind}/import</c>, JSON array or CSV by Content-Type), all or nothing:
/// a file with any bad row is refused with every problem by row and field, and nothing changes.
/// </summary>
internal static class ReferenceEndpoints
{
    /// <summary>Largest import accepted (100,000 rows of a few hundred bytes).</summary>
    public const int MaxImportBytes = 64 * 1024 * 1024;

    private static readonly ReferenceKind<Officer> Officers = new("officers", ReferenceJson.ReadOfficers, ReferenceCsv.ReadOfficers,
        ReferenceJson.WriteOfficers, ReferenceCsv.WriteOfficers, (s, rows, t) => s.ImportOfficersAsync(rows, t), (s, _, _, t) => s.ListOfficersAsync(t));

    private static readonly ReferenceKind<Accreditation> Accreditations = new("accreditations", ReferenceJson.ReadAccreditations, ReferenceCsv.ReadAccreditations,
        ReferenceJson.WriteAccreditations, ReferenceCsv.WriteAccreditations, (s, rows, t) => s.ImportAccreditationsAsync(rows, t), (s, _, _, t) => s.ListAccreditationsAsync(t));

    private static readonly ReferenceKind<Unit> Units = new("units", ReferenceJson.ReadUnits, ReferenceCsv.ReadUnits,
        ReferenceJson.WriteUnits, ReferenceCsv.WriteUnits, (s, rows, t) => s.ImportUnitsAsync(rows, t), (s, _, _, t) => s.ListUnitsAsync(t));

    private static readonly ReferenceKind<TrackedDevice> Devices = new("devices", ReferenceJson.ReadDevices, ReferenceCsv.ReadDevices,
        ReferenceJson.WriteDevices, ReferenceCsv.WriteDevices, (s, rows, t) => s.ImportDevicesAsync(rows, t), (s, _, _, t) => s.ListDevicesAsync(t));

    private static readonly ReferenceKind<Shift> Shifts = new("shifts", ReferenceJson.ReadShifts, ReferenceCsv.ReadShifts,
        ReferenceJson.WriteShifts, ReferenceCsv.WriteShifts, (s, rows, t) => s.ImportShiftsAsync(rows, t),
        (s, from, to, t) => s.ListShiftsAsync(from ?? DateTimeOffset.UnixEpoch, to ?? new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero), t));

    public static void MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        Map(api, Officers, listed: true);
        Map(api, Accreditations, listed: true);
        Map(api, Units, listed: true);
        // GET /api/devices is the ingestion registry's list (registration time and source); the kinds are in the export.
        Map(api, Devices, listed: false, afterImport: (sp, rows) =>
        {
            var registry = sp.GetRequiredService<DeviceRegistry>();
            foreach (var device in rows)
            {
                registry.Know(device.Id);
            }
        });
        Map(api, Shifts, listed: true);

        api.MapDelete("/officers/{id}", (string id, ReferenceStore store, ControlRoom room, CancellationToken token) =>
            DeleteAsync(store.DeleteOfficerAsync(id, token), room, token)).RequireAuthorization(Policies.Administration);
        api.MapDelete("/units/{id}", (string id, ReferenceStore store, ControlRoom room, CancellationToken token) =>
            DeleteAsync(store.DeleteUnitAsync(id, token), room, token)).RequireAuthorization(Policies.Administration);
        api.MapDelete("/shifts/{id}", (string id, ReferenceStore store, ControlRoom room, CancellationToken token) =>
            DeleteAsync(store.DeleteShiftAsync(id, token), room, token)).RequireAuthorization(Policies.Administration);
        api.MapDelete("/accreditations/{officer}/{skill}", (string officer, string skill, ReferenceStore store, ControlRoom room, CancellationToken token) =>
            DeleteAsync(store.DeleteAccreditationAsync(officer, skill, token), room, token)).RequireAuthorization(Policies.Administration);
    }

    private static void Map<T>(RouteGroupBuilder api, ReferenceKind<T> kind, bool listed, Action<IServiceProvider, IReadOnlyList<T>>? afterImport = null)
    {
        if (listed)
        {
            api.MapGet("/" + kind.Path, async (DateTimeOffset? from, DateTimeOffset? to, ReferenceStore store, CancellationToken token) =>
                Results.Ok(await kind.List(store, from, to, token))).RequireAuthorization(Policies.ReferenceReading);
        }

        api.MapGet($"/{kind.Path}/export", async (string? format, DateTimeOffset? from, DateTimeOffset? to, ReferenceStore store, CancellationToken token) =>
        {
            var rows = await kind.List(store, from, to, token);
            if (format is "csv")
            {
                var text = new StringWriter();
                kind.WriteCsv(text, rows);
                return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", kind.Path + ".csv");
            }

            if (format is not (null or "json"))
            {
                return CommandError.BadRequest("format: json or csv");
            }

            using var json = new MemoryStream();
            kind.WriteJson(json, rows);
            return Results.File(json.ToArray(), "application/json", kind.Path + ".json");
        }).RequireAuthorization(Policies.Administration);

        api.MapPost($"/{kind.Path}/import", async (HttpRequest request, ReferenceStore store, ControlRoom room, CancellationToken token) =>
        {
            var body = await RequestBodies.ReadAsync(request, MaxImportBytes, token);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var csv = request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
            if (!csv && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                return Results.BadRequest(new { errors = new[] { new RowError(0, "Content-Type", "send application/json (an array) or text/csv (with a header row)") } });
            }

            var parsed = csv ? kind.ReadCsv(new StreamReader(new MemoryStream(body), Encoding.UTF8)) : kind.ReadJson(new MemoryStream(body));
            if (parsed.Errors.Count > 0)
            {
                return Results.BadRequest(new { errors = parsed.Errors });
            }

            var result = await kind.Import(store, parsed.Rows, token);
            if (result.Errors.Count > 0)
            {
                return Results.BadRequest(new { errors = result.Errors });
            }

            afterImport?.Invoke(request.HttpContext.RequestServices, parsed.Rows);
            await room.ReloadReferenceAsync(token);
            return Results.Ok(new { created = result.Created, updated = result.Updated });
        }).RequireAuthorization(Policies.Administration);
    }

    private static async Task<IResult> DeleteAsync(Task<DeleteResult> delete, ControlRoom room, CancellationToken token)
    {
        var result = await delete;
        if (result == DeleteResult.Deleted)
        {
            await room.ReloadReferenceAsync(token);
        }

        return result switch
        {
            DeleteResult.Deleted => Results.NoContent(),
            DeleteResult.NotFound => Results.NotFound(),
            _ => Results.Conflict(new { error = "still in use (shifts, history or crew refer to it): retire it instead of deleting" }),
        };
    }
}
