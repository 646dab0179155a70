namespace Tracking.Storage.Security;

/// <summary>
/// A page of the audit log, newest first: rows at or after <see cref="From"/> and before <see cref="To"/>, of a user,
/// subject and action when given; <see cref="Offset"/> rows skipped, at most <see cref="Limit"/> returned.
/// </summary>
public sealed record AuditQuery(DateTimeOffset? From, DateTimeOffset? To, string? User, string? Subject, string? Action, int Offset, int Limit);
