namespace Tracking.Storage.Security;

/// <summary>
/// One row of the audit log to append: who (<see cref="UserName"/>) did what (<see cref="Action"/>, e.g.
/// <c>track.view</c>) to whom (<see cref="Subject"/>: a device, unit, officer, user or token id; null for a report over
/// everyone), why (<see cref="Purpose"/>, as the user stated it), through which request and from where.
/// </summary>
public sealed record AuditEntry(string UserName, string Action, string? Subject, string? Purpose, string Path, string? Query, string? ClientAddress);
