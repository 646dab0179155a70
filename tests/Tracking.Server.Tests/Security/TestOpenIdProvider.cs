using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

/// <summary>
/// A minimal OpenID Connect provider on a loopback port, for the sign-in test: a discovery document, a JWKS with one
/// RSA key made for the run, an authorize endpoint that signs in whoever <see cref="NextUser"/> says at once (no
/// login page) and redirects back with a code, and a token endpoint that checks the client secret and the PKCE
/// verifier and issues an id token signed with the key (RS256), carrying the nonce and the user's groups.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "tracking-test";
    public const string ClientSecret = "provider-test-secret";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    private TestOpenIdProvider(WebApplication app, Uri authority)
    {
        _app = app;
        Authority = authority;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
    }

    /// <summary>The issuer, without a trailing slash.</summary>
    public Uri Authority { get; }

    public string Issuer => Authority.ToString().TrimEnd('/');

    /// <summary>Who the next authorize request signs in: their name and their groups at the provider.</summary>
    public (string Name, string[] Groups) NextUser { get; set; } = ("pc-1234", ["control-room"]);

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestOpenIdProvider(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Jwks);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        await app.StartAsync();
        return provider;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["scopes_supported"] = new[] { "openid", "profile" },
    });

    private IResult Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
        {
            return Results.BadRequest("client_id, response_type=code and PKCE S256 expected");
        }

        var code = Guid.NewGuid().ToString("N");
        _grants[code] = new Grant(NextUser.Name, NextUser.Groups, query["nonce"].ToString(), query["code_challenge"].ToString(), query["redirect_uri"].ToString());
        return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (!_grants.TryRemove(form["code"].ToString(), out var grant))
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }

        var verifier = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || verifier != grant.Challenge || form["redirect_uri"] != grant.RedirectUri)
        {
            return Results.BadRequest(new { error = "invalid_client" });
        }

        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "subject-" + grant.Name,
                ["preferred_username"] = grant.Name,
                ["name"] = "Officer " + grant.Name,
                ["nonce"] = grant.Nonce,
                ["groups"] = grant.Groups,
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { access_token = "opaque-" + Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private sealed record Grant(string Name, string[] Groups, string Nonce, string Challenge, string RedirectUri);
}
