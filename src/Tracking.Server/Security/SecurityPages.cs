using System.Net;
using System.Security.Claims;
using System.Text;

namespace Tracking.Server.Security;

/// <summary>
/// The server-rendered pages of signing in: the sign-in form, "not allowed" and the hop after an OpenID Connect
/// sign-in. No script and no inline style (the Content-Security-Policy allows neither); every value is HTML-encoded.
/// </summary>
internal static class SecurityPages
{
    public static string SignIn(string returnUrl, string antiforgeryToken, string? error, OidcSettings oidc, bool demoMode)
    {
        var body = new StringBuilder();
        body.Append("<h1>Tracking · sign in</h1>");
        if (demoMode)
        {
            body.Append("<p role=\"alert\"><strong>Demo mode is on: nothing is protected.</strong> Anyone can use the pages and the API without signing in.</p>");
        }

        if (error is not null)
        {
            body.Append("<p role=\"alert\" id=\"sign-in-error\">").Append(E(error)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"/login\">")
            .Append("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"").Append(E(antiforgeryToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(E(returnUrl)).Append("\">")
            .Append("<p><label>User name<br><input name=\"userName\" required maxlength=\"100\" autocomplete=\"username\" autofocus></label></p>")
            .Append("<p><label>Password<br><input name=\"password\" type=\"password\" required maxlength=\"1000\" autocomplete=\"current-password\"></label></p>")
            .Append("<p><button type=\"submit\">Sign in</button></p>")
            .Append("</form>");
        if (oidc.Enabled)
        {
            body.Append("<p><a id=\"oidc-sign-in\" href=\"/login/oidc?returnUrl=").Append(E(Uri.EscapeDataString(returnUrl))).Append("\">Sign in with ")
                .Append(E(oidc.DisplayName)).Append("</a></p>");
        }

        return Page("Tracking · sign in", body.ToString());
    }

    public static string HttpsNeeded() => Page("Tracking · sign in over HTTPS",
        "<h1>Sign in over HTTPS</h1><p>This server keeps sessions in Secure cookies, which browsers only send over HTTPS. Open this page with "
        + "<code>https://</code> (give the server a certificate: Kestrel's HTTPS endpoint settings).</p>");

    public static string NotAllowed(ClaimsPrincipal user, string antiforgeryToken)
    {
        var roles = TrackingPrincipal.RolesOf(user);
        var body = new StringBuilder()
            .Append("<h1>Not allowed</h1>")
            .Append("<p>You are signed in as <strong>").Append(E(TrackingPrincipal.NameOf(user))).Append("</strong> with ")
            .Append(roles.Count == 0 ? "no role" : "the role" + (roles.Count == 1 ? " " : "s ") + E(string.Join(", ", roles)))
            .Append(", which does not include this page. Ask an administrator if you need it.</p>")
            .Append("<p><a href=\"/\">Live map</a> · <a href=\"/reports\">Reports</a></p>")
            .Append(SignOutForm(antiforgeryToken));
        return Page("Tracking · not allowed", body.ToString());
    }

    /// <summary>
    /// After an OpenID Connect sign-in the browser arrives here through the provider's redirects, a cross-site chain
    /// in which it withholds SameSite=Strict cookies; the refresh from this same-site page is a fresh navigation
    /// that carries the new session.
    /// </summary>
    public static string Continue(string returnUrl) =>
        Page("Tracking · signed in", "<p>Signed in. <a href=\"" + E(returnUrl) + "\">Continue</a></p>",
            "<meta http-equiv=\"refresh\" content=\"0;url=" + E(returnUrl) + "\">");

    private static string SignOutForm(string antiforgeryToken) =>
        "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"" + E(antiforgeryToken)
        + "\"><button type=\"submit\">Sign out</button></form>";

    private static string Page(string title, string body, string head = "") =>
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<link rel=\"icon\" href=\"data:,\">" + head + "<title>" + E(title) + "</title></head><body>" + body + "</body></html>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
