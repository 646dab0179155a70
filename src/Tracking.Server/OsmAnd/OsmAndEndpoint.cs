using System.Buffers;
using Microsoft.Extensions.Options;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.OsmAnd;
using Tracking.Server.Devices;
using Tracking.Server.Ingestion;

namespace Tracking.Server.OsmAnd;

/// <summary>
/// The OsmAnd / Traccar Client HTTP protocol: <c>GET</c> or <c>POST</c> with the fix in the query string or a form body,
/// or the JSON body of Traccar Client 9 and later. 200 once the fix is durable (the app then drops it from its queue);
/// 400 with the reason when it is refused (the rejection is counted, logged and kept like any other).
/// The device proves who it is with its secret as a token (<see cref="OsmAndToken"/>): 401 when it is missing (outside
/// demo mode) or wrong; 429 with <c>Retry-After</c> when the device is over its message rate.
/// </summary>
internal sealed class OsmAndEndpoint(
    FixIngestor ingestor,
    CredentialDirectory credentials,
    DeviceRegistry registry,
    DeviceRateLimiter limiter,
    SecurityStats securityStats,
    SecurityLog securityLog,
    IOptionsMonitor<OsmAndOptions> options,
    TimeProvider time)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Refuse(new Rejection(RejectionReason.PayloadTooLarge, "request body is larger than 4096 bytes"));
        }

        var fixes = new List<Fix>(1);
        var rejections = new List<Rejection>(1);
        string? deviceId;
        var settings = options.CurrentValue;
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            OsmAndDecoder.DecodeJson(body, now, fixes, rejections, out deviceId);
        }
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            OsmAndDecoder.DecodeForm(body, now, settings.SpeedUnitOf, fixes, rejections, out deviceId);
        }
        else
        {
            OsmAndDecoder.DecodeQuery(request.QueryString.Value ?? "", now, settings.SpeedUnitOf, fixes, rejections, out deviceId);
        }

        if (deviceId is not null && Admit(request, body, deviceId) is { } refusal)
        {
            return refusal;
        }

        // What a refused request leaves in the dead letters, without the device's secret.
        var raw = new ReadOnlySequence<byte>(OsmAndToken.WithoutToken(body.Length > 0 ? body : System.Text.Encoding.ASCII.GetBytes(request.QueryString.Value ?? "")));
        var (outcome, refused) = await ingestor.IngestDecodedAsync("http:" + request.Path, deviceId, raw, now, fixes, rejections, cancellationToken);
        if (refused is { } rejection)
        {
            return Refuse(rejection);
        }

        await outcome.Durable;
        return Results.Ok();
    }

    /// <summary>Null when the device may report now; otherwise the answer (401 or 429), counted and logged.</summary>
    private IResult? Admit(HttpRequest request, byte[] body, string deviceId)
    {
        var token = OsmAndToken.Find(request, body, deviceId, out var conflicting);
        if (conflicting || (token is null && !registry.DemoMode) || (token is not null && !credentials.IsDeviceSecret(deviceId, token)))
        {
            var reason = conflicting ? "credentials name another device" : token is null ? "no token" : "wrong token";
            securityStats.HttpRefused();
            securityLog.HttpRefused(deviceId, reason);
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"tracking\"";
            return Results.Text("unauthorized: " + reason, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!limiter.TryTake(deviceId))
        {
            securityStats.Limited();
            securityLog.OverRate(deviceId, "OsmAnd request refused (429)");
            request.HttpContext.Response.Headers.RetryAfter = ((int)limiter.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text("too many requests: over the device's message rate", statusCode: StatusCodes.Status429TooManyRequests);
        }

        return null;
    }

    private static IResult Refuse(Rejection rejection) =>
        Results.Text($"{rejection.Reason.Name()}: {rejection.Detail}", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The body, at most <see cref="DeviceMessages.MaxPayloadBytes"/>; null when it is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > DeviceMessages.MaxPayloadBytes)
        {
            return null;
        }

        var buffer = new byte[DeviceMessages.MaxPayloadBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > DeviceMessages.MaxPayloadBytes)
            {
                return null;
            }
        }

        return buffer[..length];
    }
}
