using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tracking.Server.Tests.Security;

/// <summary>What a browser does with the sign-in page: reads the form's antiforgery token and posts the form.</summary>
public static partial class SignInForm
{
    /// <summary>Posts the sign-in form as <paramref name="client"/> (a browser-like client, cookies kept, no redirects followed).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = FormToken().Match(page);
        Assert.True(token.Success, "the sign-in form has no antiforgery token:\n" + page);
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
            ["returnUrl"] = returnUrl,
            ["userName"] = userName,
            ["password"] = password,
        }));
    }

    /// <summary>Signs in and returns <c>GET /api/session</c>'s answer.</summary>
    public static async Task<JsonElement> SignInAsync(HttpClient client, string userName, string password)
    {
        var response = await PostAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetFromJsonAsync<JsonElement>("/api/session");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex FormToken();
}
