namespace Tracking.Server.Security;

/// <summary>Body of <c>POST /api/users</c>. Without a password the user can only use API tokens.</summary>
public sealed record NewUserRequest(string? Name, string? DisplayName, IReadOnlyList<string>? Roles, string? Password);
