using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;

namespace Tracking.Server.Tests.Security;

/// <summary>
/// Every endpoint the server maps, read from its <see cref="EndpointDataSource"/>: an endpoint added later without a
/// policy fails here. Anonymous callers get 401 (a page sends them to sign in), callers without one of the policy's
/// roles 403, and one of its roles gets past authorization.
/// </summary>
public sealed class EndpointAuthorizationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Open to anyone: health checks, signing in and out, and the devices' own endpoint (the device authenticates).</summary>
    private static readonly HashSet<string> Anonymous = new(StringComparer.Ordinal)
    {
        "/health/live", "/health/ready", "/login", "/login/oidc", "/login/continue", "/logout", "/osmand",
    };

    private static readonly HashSet<string> Pages = new(StringComparer.Ordinal) { "/", "/reports" };

    [Fact]
    public async Task Every_endpoint_but_the_open_ones_refuses_anonymous_callers_and_callers_without_its_roles()
    {
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.Path == "/hubs/live/negotiate");
        Assert.Contains(endpoints, e => e.Path == "/api/audit");
        Assert.Contains(endpoints, e => e.Path == "/api/map/water");
        // Redirects not followed: a page answers an anonymous visitor with one.
        using var anonymous = fixture.Server.CreateBrowserClient();
        var problems = new List<string>();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        try
        {
            foreach (var (method, path, policies) in endpoints)
            {
                if (Anonymous.Contains(path))
                {
                    continue;
                }

                if (policies.Count != 1 || !Policies.RolesOf.TryGetValue(policies[0], out var allowed))
                {
                    problems.Add($"{method} {path} names {(policies.Count == 0 ? "no policy" : string.Join(", ", policies))}: give it exactly one of Policies");
                    continue;
                }

                var url = Concrete(path);
                var asAnonymous = await SendAsync(anonymous, method, url);
                if (Pages.Contains(path))
                {
                    if (asAnonymous.StatusCode != HttpStatusCode.Redirect || asAnonymous.Headers.Location is not { } location
                        || !new Uri(fixture.Server.ClientOptions.BaseAddress, location).PathAndQuery.StartsWith("/login?returnUrl=", StringComparison.Ordinal))
                    {
                        problems.Add($"{method} {path} anonymous: {(int)asAnonymous.StatusCode} {asAnonymous.Headers.Location}, not a redirect to /login");
                    }
                }
                else if (asAnonymous.StatusCode != HttpStatusCode.Unauthorized)
                {
                    problems.Add($"{method} {path} anonymous: {(int)asAnonymous.StatusCode}, not 401");
                }

                var outside = Roles.All.Except(allowed).ToArray();
                var asOutsider = await SendAsync(await ClientAsync(clients, outside), method, url);
                if (asOutsider.StatusCode != HttpStatusCode.Forbidden)
                {
                    problems.Add($"{method} {path} ({policies[0]}) as [{string.Join(", ", outside)}]: {(int)asOutsider.StatusCode}, not 403");
                }

                var asAllowed = await SendAsync(await ClientAsync(clients, allowed[0]), method, url);
                if (asAllowed.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    problems.Add($"{method} {path} ({policies[0]}) as {allowed[0]}: {(int)asAllowed.StatusCode}");
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_open_endpoints_are_exactly_the_allowed_ones_and_name_no_policy()
    {
        var open = Endpoints().Where(e => e.Policies.Count == 0).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Anonymous.Order(StringComparer.Ordinal), open.Order(StringComparer.Ordinal));
    }

    private async Task<HttpClient> ClientAsync(Dictionary<string, HttpClient> clients, params string[] roles)
    {
        var key = string.Join(',', roles);
        if (!clients.TryGetValue(key, out var client))
        {
            clients[key] = client = await fixture.Server.ClientAsync(roles);
        }

        return client;
    }

    private List<(string Method, string Path, IReadOnlyList<string> Policies)> Endpoints()
    {
        var source = fixture.Server.Services.GetRequiredService<EndpointDataSource>();
        return
        [
            .. source.Endpoints.OfType<RouteEndpoint>()
                .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (
                    Method: method,
                    Path: "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/'),
                    Policies: (IReadOnlyList<string>)[.. endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)")])))
                .Where(e => e.Method != "OPTIONS")
                .Distinct(),
        ];
    }

    /// <summary>The route with each parameter filled in with a value of its kind.</summary>
    private static string Concrete(string path)
    {
        var pattern = RoutePatternFactory.Parse(path);
        var text = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.Empty.ToString(),
                    RoutePatternParameterPart => "authz-probe",
                    _ => "",
                });
            }
        }

        return text.Length == 0 ? "/" : text.ToString();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}
