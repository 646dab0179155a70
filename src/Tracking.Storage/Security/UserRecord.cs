namespace Tracking.Storage.Security;

/// <summary>A user who signs in with a password, as stored (the password hash is never part of it).</summary>
public sealed record UserRecord(
    string Name, string DisplayName, IReadOnlyList<string> Roles, bool Disabled, bool HasPassword, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt);
