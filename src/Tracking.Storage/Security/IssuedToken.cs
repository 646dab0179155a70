namespace Tracking.Storage.Security;

/// <summary>A token just issued: <see cref="Token"/> is shown to its holder once and never stored.</summary>
public sealed record IssuedToken(Guid Id, string Owner, string Name, string Token, DateTimeOffset ExpiresAt);
