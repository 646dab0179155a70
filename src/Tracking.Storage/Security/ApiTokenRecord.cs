namespace Tracking.Storage.Security;

/// <summary>An API token as stored: everything but the token itself, which only its holder has.</summary>
public sealed record ApiTokenRecord(
    Guid Id, string Owner, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
