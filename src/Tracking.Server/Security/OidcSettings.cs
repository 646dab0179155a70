namespace Tracking.Server.Security;

/// <summary>
/// OpenID Connect sign-in (authorization code flow with PKCE). Section <c>Tracking:Security:Oidc</c>. Off while
/// <see cref="Authority"/> is empty. The provider's users are not stored here: each sign-in takes their roles from
/// <see cref="RoleClaim"/> of the id token, mapped through <see cref="RoleMap"/>.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer URL (its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>).</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The id token claim that holds the user's groups or roles at the provider (one claim per value, or a JSON array).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The id token claim that names the user (shown on the pages and written to the audit log).</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// Provider value → Tracking role (dispatcher, supervisor, analyst, administrator). Empty: values that are Tracking's
    /// role names are taken as they are. Values that map to nothing are ignored; a user left with no role is refused.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What the sign-in page's button says: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your force's identity provider";

    /// <summary>Refuse a provider whose metadata is not served over HTTPS (only a test provider on loopback may turn it off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        var problems = new List<string>();
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            problems.Add($"{SecurityOptions.Section}:Oidc:Authority must be the provider's issuer URL (e.g. \"https://login.example.police.uk/realms/force\").");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{SecurityOptions.Section}:Oidc:ClientId must be set: the client id Tracking is registered with at the provider.");
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            problems.Add($"{SecurityOptions.Section}:Oidc:RoleClaim must name the id token claim holding the user's roles or groups (e.g. \"roles\").");
        }

        foreach (var (value, role) in RoleMap)
        {
            if (!Roles.IsKnown(role))
            {
                problems.Add($"{SecurityOptions.Section}:Oidc:RoleMap:{value} = \"{role}\" is not a role: use one of {string.Join(", ", Roles.All)}.");
            }
        }

        return problems;
    }
}
