namespace Tracking.Server.Api;

/// <summary>Answer of creating or rotating a service account: its new secret, shown this once.</summary>
public sealed record BrokerAccountSecret(string Username, string Role, string Secret);
