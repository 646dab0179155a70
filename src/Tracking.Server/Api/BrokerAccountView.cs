namespace Tracking.Server.Api;

/// <summary>A service account as listed: never its secret or hash.</summary>
public sealed record BrokerAccountView(string Username, string Role, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
