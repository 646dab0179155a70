namespace Tracking.Server.Security;

/// <summary>Sign-in, sessions and tokens. Section <c>Tracking:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Tracking:Security";

    /// <summary>A session ends after this long without a request (sliding: each request past half of it renews it).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts (form posts) one client address may make per minute; more are answered 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long an API token is valid when its issuer does not say.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Reverse proxies (addresses, or networks such as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed: behind one, the audit log, the sign-in rate limit and secure cookies see
    /// the client's address and scheme instead of the proxy's. Empty (the default): the headers are ignored, so no
    /// client can name its own address.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; set; } = [];

    /// <summary>Sign-in through the force's own OpenID Connect provider; off unless its authority is set.</summary>
    public OidcSettings Oidc { get; set; } = new();

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SessionIdleTimeout < TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:SessionIdleTimeout must be at least a minute (e.g. \"08:00:00\").");
        }

        if (SignInAttemptsPerMinute < 1)
        {
            problems.Add($"{Section}:SignInAttemptsPerMinute must be at least 1 (e.g. 10).");
        }

        if (TokenLifetime < TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:TokenLifetime must be at least a minute (e.g. \"365.00:00:00\").");
        }

        foreach (var proxy in TrustedProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _) && !System.Net.IPNetwork.TryParse(proxy, out _))
            {
                problems.Add($"{Section}:TrustedProxies: '{proxy}' is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }

        problems.AddRange(Oidc.Problems());
        return problems;
    }
}
