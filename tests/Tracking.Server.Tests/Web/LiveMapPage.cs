using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Tracking.Server.Tests.Web;

/// <summary>
/// The live map (or another of the server's pages) open in its own browser context. Every request the page makes is recorded (and any that would leave
/// the server's origin is refused), as are script errors. Disposing it saves a screenshot of the page as it was, under
/// the test output's <c>TestResults/screenshots/{test}.png</c>, passed or failed.
/// </summary>
public sealed class LiveMapPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _testName;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private LiveMapPage(IBrowserContext context, IPage page, Uri origin, string testName)
    {
        _context = context;
        Page = page;
        Origin = origin;
        _testName = testName;
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public IPage Page { get; }

    public Uri Origin { get; }

    /// <summary>Every URL the page asked for (HTTP requests and WebSockets), in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Uncaught exceptions and console errors of the page.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>
    /// Opens the page at <paramref name="path"/> (the live map unless told otherwise) in a new browser context, signed
    /// in as <paramref name="userName"/> through the real sign-in form.
    /// </summary>
    public static async Task<LiveMapPage> OpenAsync(
        IBrowser browser, Uri origin, string testName, string userName, string password, Func<IPage, Task>? beforeLoad = null, string path = "/")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout((float)LiveMapFixture.Timeout.TotalMilliseconds);
        // A closed control room network: anything not from the server itself is refused (and recorded below).
        await context.RouteAsync("**/*", route => IsSameOrigin(route.Request.Url, origin) ? route.ContinueAsync() : route.AbortAsync("blockedbyclient"));
        var page = await context.NewPageAsync();
        var map = new LiveMapPage(context, page, origin, testName);
        page.Request += (_, request) => map._requests.Enqueue(request.Url);
        page.WebSocket += (_, socket) => map._requests.Enqueue(socket.Url);
        page.PageError += (_, error) => map._errors.Enqueue("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                map._errors.Enqueue("console: " + message.Text);
            }
        };
        await SignInAsync(page, userName, password, path);
        if (beforeLoad is not null)
        {
            // Prepared after signing in, so the page is loaded again with it.
            await beforeLoad(page);
            await page.GotoAsync(path);
        }

        return map;
    }

    /// <summary>Signs in through the form at <c>/login</c> and waits until the browser is back at <paramref name="path"/>.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var expected = new Uri(new Uri("http://page"), path).AbsolutePath;
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == expected);
    }

    public static bool IsSameOrigin(string url, Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        // The hub's WebSocket is ws:// to the same host and port.
        var scheme = uri.Scheme switch { "ws" => "http", "wss" => "https", var other => other };
        return scheme == origin.Scheme && uri.Host == origin.Host && uri.Port == origin.Port;
    }

    /// <summary>Waits until the hub's snapshot is in: connected and the time of the last frame shown.</summary>
    public async Task WaitUntilLiveAsync()
    {
        await Assertions.Expect(Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(Page.Locator("#last-frame time")).Not.ToHaveTextAsync("never");
    }

    /// <summary>The marker of a unit (by unit id) or of a device no unit holds (by device id).</summary>
    public ILocator Marker(string id) => Page.Locator($".unit-marker[data-marker='{id}']");

    public ILocator Incident(string id) => Page.Locator($".incident-marker[data-incident='{id}']");

    public async ValueTask DisposeAsync()
    {
        try
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, _testName + ".png") });
        }
        finally
        {
            await _context.CloseAsync();
        }
    }
}
