using System.Net;
using Microsoft.Extensions.Options;

namespace Tracking.Server.OsmAnd;

/// <summary>
/// The dedicated OsmAnd listener on its own port (5055 by default, where Traccar Client and OsmAnd send unless told
/// otherwise), answering at <c>/</c>. A small Kestrel server of its own, so it neither changes nor is changed by the main
/// server's <c>--urls</c>.
/// </summary>
internal sealed partial class OsmAndListener(OsmAndEndpoint endpoint, IOptions<OsmAndOptions> options, ILogger<OsmAndListener> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Port == 0)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.BindAddress), settings.Port));
        _app = builder.Build();
        _app.MapMethods("/", ["GET", "POST"], (HttpRequest request, CancellationToken token) => endpoint.HandleAsync(request, token));
        await _app.StartAsync(cancellationToken);
        LogListening(logger, settings.BindAddress, settings.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "OsmAnd / Traccar Client listener on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string address, int port);
}
