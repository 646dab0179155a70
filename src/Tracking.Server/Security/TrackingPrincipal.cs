using System.Security.Claims;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>
/// Who is calling, as every scheme describes them: the user name (<see cref="ClaimTypes.Name"/>, also the name
/// identifier, so antiforgery tokens survive a change of roles), the display name and one role claim per role.
/// </summary>
public static class TrackingPrincipal
{
    public const string DisplayNameClaim = "display_name";

    /// <summary>How the user signed in: <c>password</c>, <c>oidc</c>, <c>token</c> or <c>demo</c>.</summary>
    public const string MethodClaim = "sign_in_method";

    public const string PasswordMethod = "password";
    public const string OidcMethod = "oidc";
    public const string TokenMethod = "token";
    public const string DemoMethod = "demo";

    /// <summary>The user every anonymous caller is in demo mode.</summary>
    public const string DemoUser = "demo";

    public static ClaimsPrincipal Create(string name, string displayName, IEnumerable<string> roles, string method, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, name),
            new(ClaimTypes.Name, name),
            new(DisplayNameClaim, displayName),
            new(MethodClaim, method),
        };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static ClaimsPrincipal Create(UserRecord user, string method, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Create(user.Name, user.DisplayName, user.Roles, method, scheme);
    }

    public static ClaimsPrincipal Demo(string scheme) => Create(DemoUser, "Demo (nothing is protected)", Roles.All, DemoMethod, scheme);

    public static string NameOf(ClaimsPrincipal user) => user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "?" : "anonymous";

    public static string? MethodOf(ClaimsPrincipal user) => user?.FindFirst(MethodClaim)?.Value;

    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) =>
        user?.FindAll(ClaimTypes.Role).Select(claim => claim.Value).Where(Roles.IsKnown).Distinct(StringComparer.Ordinal).ToList() ?? [];
}
