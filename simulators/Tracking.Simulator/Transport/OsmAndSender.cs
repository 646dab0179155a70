using System.Threading.Channels;
using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Transport;

/// <summary>
/// Sends OsmAnd requests (<c>GET {url}/?id=…</c>, as Traccar Client does) from one bounded queue, in order, dropping the
/// oldest when full (counted). A refused request (400) is counted as failed, like a failed publish. Thread-safe.
/// </summary>
internal sealed class OsmAndSender : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly TransportCounters _counters;
    private readonly Channel<DeviceMessage> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public OsmAndSender(Uri baseAddress, TransportCounters counters, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromSeconds(10);
        _counters = counters;
        _queue = Channel.CreateBounded<DeviceMessage>(new BoundedChannelOptions(DeviceLink.QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }, _ => counters.Dropped());
        _pump = Task.Run(PumpAsync);
    }

    public void Enqueue(DeviceMessage message) => _queue.Writer.TryWrite(message);

    private async Task PumpAsync()
    {
        var token = _stop.Token;
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(token))
            {
                try
                {
                    using var response = await _http.GetAsync(new Uri(message.Query!, UriKind.Relative), token);
                    if (response.IsSuccessStatusCode)
                    {
                        _counters.Sent(DeviceProtocol.OsmAnd);
                    }
                    else
                    {
                        _counters.Failed(DeviceProtocol.OsmAnd);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !token.IsCancellationRequested))
                {
                    _counters.Failed(DeviceProtocol.OsmAnd);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _queue.Writer.TryComplete();
        await _pump;
        _http.Dispose();
        _stop.Dispose();
    }
}
