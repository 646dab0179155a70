using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tracking.Storage.Devices;

namespace Tracking.Server.Ingestion;

/// <summary>
/// The set of devices allowed to report, held in memory so checking a fix costs one dictionary lookup and no
/// database round trip. Loaded at start and refreshed periodically (so devices registered through another server
/// instance are seen); in demo mode unknown devices are admitted at once and recorded in the database in the
/// background. Also interns device id strings, so every fix of a device shares one string.
/// Thread-safe.
/// </summary>
internal sealed partial class DeviceRegistry(
    DeviceStore store,
    IOptions<TrackingOptions> options,
    ILogger<DeviceRegistry> logger) : BackgroundService
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);
    private readonly Channel<string> _firstContacts = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public bool DemoMode => options.Value.DemoMode;

    public int Count => _known.Count;

    /// <summary>Loads the registered devices; called once before ingestion starts.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await store.LoadIdsAsync(cancellationToken))
        {
            _known.TryAdd(id, id);
        }
    }

    /// <summary>
    /// Returns the interned id when the device may report; in demo mode admits an unknown device (and queues its
    /// registration). Returns null for an unknown device otherwise.
    /// </summary>
    public string? Admit(string deviceId)
    {
        if (_known.TryGetValue(deviceId, out var interned))
        {
            return interned;
        }

        if (!DemoMode)
        {
            return null;
        }

        interned = _known.GetOrAdd(deviceId, deviceId);
        if (ReferenceEquals(interned, deviceId))
        {
            // Dropped when 10,000 wait: the device still reports; the next refresh-and-register pass catches it.
            _firstContacts.Writer.TryWrite(deviceId);
        }

        return interned;
    }

    /// <summary>The interned copy of an id when known, else the id itself.</summary>
    public string Intern(string deviceId) => _known.TryGetValue(deviceId, out var interned) ? interned : deviceId;

    public async Task<bool> RegisterAsync(string deviceId, string? name, CancellationToken cancellationToken)
    {
        var added = await store.RegisterAsync(deviceId, name, DeviceStore.RegisteredByApi, cancellationToken);
        _known.TryAdd(deviceId, deviceId);
        return added;
    }

    public bool IsKnown(string deviceId) => _known.ContainsKey(deviceId);

    /// <summary>Admits a device stored by someone else (a reference-data import): its fixes are accepted from now on.</summary>
    public void Know(string deviceId) => _known.TryAdd(deviceId, deviceId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var refresh = Task.Delay(RefreshInterval, stoppingToken);
        var next = _firstContacts.Reader.WaitToReadAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await Task.WhenAny(refresh, next);
                if (done == next)
                {
                    while (_firstContacts.Reader.TryRead(out var id))
                    {
                        await store.RegisterAsync(id, null, DeviceStore.RegisteredOnFirstContact, stoppingToken);
                        LogRegisteredOnFirstContact(logger, id);
                    }

                    next = _firstContacts.Reader.WaitToReadAsync(stoppingToken).AsTask();
                }
                else
                {
                    await LoadAsync(stoppingToken);
                    if (DemoMode)
                    {
                        await RegisterMissingAsync(stoppingToken);
                    }

                    refresh = Task.Delay(RefreshInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
            {
                LogStoreUnavailable(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                refresh = refresh.IsCompleted ? Task.Delay(RefreshInterval, stoppingToken) : refresh;
                next = next.IsCompleted ? _firstContacts.Reader.WaitToReadAsync(stoppingToken).AsTask() : next;
            }
        }
    }

    /// <summary>Demo mode: records devices admitted while the database was unreachable or the queue was full.</summary>
    private async Task RegisterMissingAsync(CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(await store.LoadIdsAsync(cancellationToken), StringComparer.Ordinal);
        foreach (var id in _known.Keys)
        {
            if (!stored.Contains(id))
            {
                await store.RegisterAsync(id, null, DeviceStore.RegisteredOnFirstContact, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Device {DeviceId} registered on first contact (demo mode)")]
    private static partial void LogRegisteredOnFirstContact(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Device registry could not reach the database; known devices keep reporting, retrying")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
