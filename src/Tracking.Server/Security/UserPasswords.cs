using Microsoft.AspNetCore.Identity;

namespace Tracking.Server.Security;

/// <summary>
/// Passwords hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, salted,
/// format-versioned). The user is identified by name; the hasher does not use it. Thread-safe.
/// </summary>
public sealed class UserPasswords
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1000;

    private readonly PasswordHasher<string> _hasher = new();

    /// <summary>A hash of a valid password, stored in place of a real one so that an unknown user name takes as long as a wrong password.</summary>
    private readonly string _decoy;

    public UserPasswords() => _decoy = _hasher.HashPassword("", "decoy-password-never-valid");

    /// <summary>Null when the password is acceptable, otherwise why not.</summary>
    public static string? Problem(string? password) => password is null || password.Length < MinimumLength || password.Length > MaximumLength
        ? $"password: {MinimumLength}-{MaximumLength} characters (a passphrase of a few words is good)"
        : null;

    public string Hash(string userName, string password) => _hasher.HashPassword(userName, password);

    /// <summary>Whether <paramref name="password"/> matches; <paramref name="rehash"/> when the stored hash should be replaced by a stronger one.</summary>
    public bool Verify(string userName, string? hash, string password, out bool rehash)
    {
        var result = _hasher.VerifyHashedPassword(userName, hash ?? _decoy, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}
