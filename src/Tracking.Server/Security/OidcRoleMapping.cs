using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Tracking.Server.Security;

/// <summary>
/// Turns the provider's id token into a Tracking session: the name from <see cref="OidcSettings.NameClaim"/> (else
/// <c>sub</c>), the roles from <see cref="OidcSettings.RoleClaim"/> through <see cref="OidcSettings.RoleMap"/>. A user
/// the provider gives none of our roles is refused, and every sign-in is audited either way.
/// </summary>
internal static class OidcRoleMapping
{
    public static async Task OnTokenValidatedAsync(TokenValidatedContext context, OidcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var claims = context.Principal?.Claims.ToList() ?? [];
        var name = claims.FirstOrDefault(c => c.Type == settings.NameClaim)?.Value
            ?? claims.FirstOrDefault(c => c.Type is "sub" or ClaimTypes.NameIdentifier)?.Value
            ?? "unknown";
        var displayName = claims.FirstOrDefault(c => c.Type == "name")?.Value ?? name;
        var roles = MapRoles(claims.Where(c => c.Type == settings.RoleClaim).SelectMany(c => Values(c.Value)), settings);
        var audit = context.HttpContext.RequestServices.GetRequiredService<AuditRecorder>();
        var userName = "oidc:" + name;
        if (roles.Count == 0)
        {
            await audit.TryRecordAsync(context.HttpContext, AuditActions.SignInFailed, userName, "the provider gave no Tracking role", userName: "anonymous");
            context.Fail($"{name} holds no Tracking role at the identity provider.");
            return;
        }

        context.Principal = TrackingPrincipal.Create(userName, displayName, roles, TrackingPrincipal.OidcMethod, TrackingSchemes.Oidc);
        await audit.TryRecordAsync(context.HttpContext, AuditActions.SignIn, userName, null, userName: userName);
    }

    public static IReadOnlyList<string> MapRoles(IEnumerable<string> values, OidcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return values
            .Select(value => settings.RoleMap.Count == 0 ? value : settings.RoleMap.GetValueOrDefault(value))
            .OfType<string>()
            .Where(Roles.IsKnown)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A claim holds one value, or (some providers) a JSON array of them.</summary>
    private static string[] Values(string value)
    {
        if (!value.StartsWith('['))
        {
            return [value];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(value) ?? [];
        }
        catch (JsonException)
        {
            return [value];
        }
    }
}
