namespace Tracking.Server.Security;

/// <summary>Body of <c>PATCH /api/users/{name}</c>: what is given changes, the rest stays.</summary>
public sealed record UserChangeRequest(string? DisplayName, IReadOnlyList<string>? Roles, bool? Disabled);
