namespace Tracking.Server.Security;

/// <summary>Body of <c>POST /api/users/{name}/tokens</c>: what the token is for, and when it expires (default: the configured lifetime).</summary>
public sealed record TokenRequest(string? Name, DateTimeOffset? ExpiresAt);
