namespace Tracking.Storage.Security;

/// <summary>A stored row of the audit log (see <see cref="AuditEntry"/>); <see cref="At"/> is the database's clock.</summary>
public sealed record AuditRecord(
    long Id, DateTimeOffset At, string UserName, string Action, string? Subject, string? Purpose, string Path, string? Query, string? ClientAddress);
