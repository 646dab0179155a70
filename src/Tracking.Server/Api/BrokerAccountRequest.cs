namespace Tracking.Server.Api;

/// <summary>Body of <c>POST /api/broker-accounts</c>: a username starting with '@' and a role (<c>gateway</c> or <c>cad</c>).</summary>
public sealed record BrokerAccountRequest(string? Username, string? Role);
