using System.Diagnostics.Metrics;
using Tracking.Server.Ingestion;

namespace Tracking.Server.Devices;

/// <summary>
/// Counters of device security: connections refused by reason, publishes and subscriptions refused, messages
/// throttled (waited for) and limited (refused), OsmAnd requests without a valid token. Served in the <c>security</c>
/// section of <c>GET /api/ingest/stats</c> and published on the <c>Tracking.Ingestion</c> meter. Thread-safe (interlocked).
/// </summary>
internal sealed class SecurityStats
{
    private readonly long[] _connectionsRefused = new long[Enum.GetValues<ConnectionRefusal>().Length];
    private readonly Counter<long> _refusedConnections;
    private readonly Counter<long> _refusedPublishes;
    private readonly Counter<long> _refusedSubscriptions;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _limited;
    private readonly Counter<long> _refusedHttp;
    private long _connectionsAccepted;
    private long _publishesRefused;
    private long _subscriptionsRefused;
    private long _messagesThrottled;
    private long _messagesLimited;
    private long _httpUnauthorized;

    public SecurityStats(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(IngestStats.MeterName);
        _refusedConnections = meter.CreateCounter<long>("tracking.security.connections.refused", description: "MQTT connections refused, by reason");
        _refusedPublishes = meter.CreateCounter<long>("tracking.security.publishes.refused", description: "Publishes to a topic the client may not use");
        _refusedSubscriptions = meter.CreateCounter<long>("tracking.security.subscriptions.refused", description: "Subscriptions to a topic filter the client may not use");
        _throttled = meter.CreateCounter<long>("tracking.security.messages.throttled", description: "Messages over a device's rate held until it allowed them");
        _limited = meter.CreateCounter<long>("tracking.security.messages.limited", description: "Messages over a device's rate refused (shared connections, HTTP)");
        _refusedHttp = meter.CreateCounter<long>("tracking.security.http.unauthorized", description: "OsmAnd requests without a valid device token");
    }

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    public long PublishesRefused => Interlocked.Read(ref _publishesRefused);

    public long SubscriptionsRefused => Interlocked.Read(ref _subscriptionsRefused);

    public long MessagesThrottled => Interlocked.Read(ref _messagesThrottled);

    public long MessagesLimited => Interlocked.Read(ref _messagesLimited);

    public long HttpUnauthorized => Interlocked.Read(ref _httpUnauthorized);

    public void ConnectionAccepted() => Interlocked.Increment(ref _connectionsAccepted);

    public void ConnectionRefused(ConnectionRefusal reason)
    {
        Interlocked.Increment(ref _connectionsRefused[(int)reason]);
        _refusedConnections.Add(1, new KeyValuePair<string, object?>("reason", ReasonName(reason)));
    }

    public void PublishRefused()
    {
        Interlocked.Increment(ref _publishesRefused);
        _refusedPublishes.Add(1);
    }

    public void SubscriptionRefused()
    {
        Interlocked.Increment(ref _subscriptionsRefused);
        _refusedSubscriptions.Add(1);
    }

    public void Throttled()
    {
        Interlocked.Increment(ref _messagesThrottled);
        _throttled.Add(1);
    }

    public void Limited()
    {
        Interlocked.Increment(ref _messagesLimited);
        _limited.Add(1);
    }

    public void HttpRefused()
    {
        Interlocked.Increment(ref _httpUnauthorized);
        _refusedHttp.Add(1);
    }

    /// <summary>Connections refused, by reason name (every reason, zeros included).</summary>
    public Dictionary<string, long> ConnectionsRefusedByReason() =>
        Enum.GetValues<ConnectionRefusal>().ToDictionary(ReasonName, reason => Interlocked.Read(ref _connectionsRefused[(int)reason]));

    public static string ReasonName(ConnectionRefusal reason) => reason switch
    {
        ConnectionRefusal.Anonymous => "anonymous",
        ConnectionRefusal.UnknownAccount => "unknown_account",
        ConnectionRefusal.NoSecret => "no_secret",
        ConnectionRefusal.WrongSecret => "wrong_secret",
        ConnectionRefusal.BadCertificate => "bad_certificate",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
