using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Tracking.Server.Security;

/// <summary>
/// Demo mode only: a caller with neither a session nor a token is the demo user, holding every role (the simulator
/// calls the API without credentials; the pages say in a banner that nothing is protected).
/// </summary>
internal sealed class DemoAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(TrackingPrincipal.Demo(Scheme.Name), Scheme.Name)));
}
