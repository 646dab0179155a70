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

    /// <summary>The session cookie's name; <c>__Host-</c> makes browsers insist on Secure, path / and no Domain.</summary>
    public const string CookieName = "__Host-tracking-session";
}
