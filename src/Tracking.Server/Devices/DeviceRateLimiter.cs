using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tracking.Server.Devices;

/// <summary>
/// One token bucket per device id (<see cref="DeviceSecurityOptions.MessagesPerSecond"/>, burst
/// <see cref="DeviceSecurityOptions.Burst"/>), shared by every transport: MQTT publishes of any device topic and OsmAnd
/// requests. A device on its own connection waits for a token (<see cref="WaitAsync"/>): MQTTnet handles one connection's
/// publishes in order and acknowledges each only when the interception hook completes, so only that connection slows
/// and nothing is lost. A connection that carries many devices (a gateway) or an HTTP request takes a token or is
/// refused at once (<see cref="TryTake"/>), so the other devices are never held up. Idle buckets are dropped by the
/// partitioned limiter. Thread-safe.
/// </summary>
internal sealed class DeviceRateLimiter : IDisposable
{
    /// <summary>How many publishes of one device may wait for a token at once (several connections of one device).</summary>
    private const int WaitQueueLimit = 64;

    private readonly PartitionedRateLimiter<string> _limiter;

    public DeviceRateLimiter(IOptions<DeviceSecurityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.MessagesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = true,
            QueueLimit = WaitQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        RetryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(1.0 / settings.MessagesPerSecond)));
        _limiter = PartitionedRateLimiter.Create<string, string>(
            deviceId => RateLimitPartition.GetTokenBucketLimiter(deviceId, _ => bucket), StringComparer.Ordinal);
    }

    /// <summary>When a refused request may come back (HTTP <c>Retry-After</c>): the time one token takes, at least a second.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Takes a token if one is there; false when the device is over its rate.</summary>
    public bool TryTake(string deviceId)
    {
        using var lease = _limiter.AttemptAcquire(deviceId);
        return lease.IsAcquired;
    }

    /// <summary>
    /// Takes a token, waiting for one when the device is over its rate. Returns whether it had to wait (throttled);
    /// throws <see cref="OperationCanceledException"/> when cancelled. False from the queue being full is reported as
    /// <c>null</c>: the caller refuses the message.
    /// </summary>
    public async ValueTask<bool?> WaitAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (TryTake(deviceId))
        {
            return false;
        }

        using var lease = await _limiter.AcquireAsync(deviceId, 1, cancellationToken);
        return lease.IsAcquired ? true : null;
    }

    public void Dispose() => _limiter.Dispose();
}
