namespace Tracking.Server.Security;

/// <summary>Which requests are made by programs (answered 401/403) and which by people at a page (sent to sign in).</summary>
internal static class RequestKinds
{
    public static bool IsProgrammatic(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path;
        return path.StartsWithSegments("/api", StringComparison.Ordinal)
            || path.StartsWithSegments("/hubs", StringComparison.Ordinal)
            || path.StartsWithSegments("/openapi", StringComparison.Ordinal);
    }

    /// <summary>GET, HEAD, OPTIONS and TRACE change nothing (RFC 9110 §9.2.1); every other method needs antiforgery from a browser.</summary>
    public static bool IsSafeMethod(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>A local path to return to after signing in, or <c>/</c>: never another host (open redirect).</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\n', StringComparison.Ordinal)
            ? url
            : "/";
}
