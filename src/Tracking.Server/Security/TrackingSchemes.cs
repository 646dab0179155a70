namespace Tracking.Server.Security;

/// <summary>
/// The authentication schemes. <see cref="Default"/> looks at the request and forwards: a bearer token to
/// <see cref="Token"/>, otherwise the session cookie (<see cref="Cookie"/>); in demo mode a request with neither to
/// <see cref="Demo"/>.
/// </summary>
public static class TrackingSchemes
{
    public const string Default = "tracking";
    public const string Cookie = "session";
    public const string Token = "token";
    public const string Demo = "demo";
    public const string Oidc = "oidc";

    /// <summary>
    /// The session cookie's name. Outside development the cookies are Secure and named with <c>__Host-</c>, which makes
    /// browsers insist on Secure, path / and no Domain; in development (a server on plain http on loopback) they are
    /// sent over http too, so the prefix, which would make browsers drop them, is left off.
    /// </summary>
    public static string CookieName(bool secureOnly) => (secureOnly ? "__Host-" : "") + "tracking-session";

    /// <summary>The antiforgery cookie's name, prefixed like <see cref="CookieName"/>.</summary>
    public static string AntiforgeryCookieName(bool secureOnly) => (secureOnly ? "__Host-" : "") + "tracking-antiforgery";
}
