using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Tracking.Server.OsmAnd;

/// <summary>
/// Where an OsmAnd / Traccar Client request carries its device's secret: a <c>token</c> query parameter (the apps
/// send whatever is in the server address's query string with every report, so <c>https://host:5055/?token=…</c>
/// works without changing the app), a <c>token</c> form field, or HTTP Basic (user = device id, password = secret) or
/// Bearer credentials (RFC 7617, RFC 6750). Pure.
/// </summary>
internal static class OsmAndToken
{
    public const string Parameter = "token";

    /// <summary>
    /// The token, or null when the request has none. <paramref name="conflicting"/> is true when Basic credentials
    /// name another device than the request reports for.
    /// </summary>
    public static string? Find(HttpRequest request, byte[] body, string deviceId, out bool conflicting)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        conflicting = false;
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) && header.Parameter is { Length: > 0 } parameter)
        {
            if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return parameter;
            }

            if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && DecodeBasic(parameter) is var (user, password))
            {
                conflicting = user.Length > 0 && user != deviceId;
                return password;
            }
        }

        if (request.Query.TryGetValue(Parameter, out var query) && !string.IsNullOrEmpty(query))
        {
            return query.ToString();
        }

        if (body.Length > 0 && (request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue(Parameter, out var form) && !string.IsNullOrEmpty(form))
        {
            return form.ToString();
        }

        return null;
    }

    /// <summary>A query string or form body with its <c>token</c> parameter cut out (for anything stored or logged).</summary>
    public static byte[] WithoutToken(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = Encoding.UTF8.GetString(raw);
        var at = text.IndexOf(Parameter + "=", StringComparison.Ordinal);
        if (at < 0 || (at > 0 && text[at - 1] is not ('?' or '&')))
        {
            return raw;
        }

        var end = text.IndexOf('&', at);
        var kept = end < 0 ? text[..Math.Max(0, at - 1)] : text[..at] + text[(end + 1)..];
        return Encoding.UTF8.GetBytes(kept);
    }

    private static (string User, string Password)? DecodeBasic(string parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
