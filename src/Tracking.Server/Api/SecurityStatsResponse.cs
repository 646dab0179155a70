namespace Tracking.Server.Api;

/// <summary>
/// The <c>security</c> section of <c>GET /api/ingest/stats</c>: MQTT connections accepted and refused by reason
/// (<c>anonymous</c>, <c>unknown_account</c>, <c>no_secret</c>, <c>wrong_secret</c>, <c>bad_certificate</c>), publishes
/// and subscriptions refused (not the client's topic), messages throttled (a device's own connection slowed to its
/// rate) and limited (refused over its rate: shared connections, the external broker, OsmAnd 429), OsmAnd requests
/// refused for a missing or wrong token.
/// </summary>
public sealed record SecurityStatsResponse(
    long ConnectionsAccepted,
    IReadOnlyDictionary<string, long> ConnectionsRefused,
    long PublishesRefused,
    long SubscriptionsRefused,
    long MessagesThrottled,
    long MessagesLimited,
    long HttpUnauthorized);
