namespace Tracking.Server.Security;

/// <summary>Body of <c>POST /api/users/{name}/password</c>.</summary>
public sealed record PasswordResetRequest(string? Password);
