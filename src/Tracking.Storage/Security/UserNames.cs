using System.Text.RegularExpressions;

namespace Tracking.Storage.Security;

/// <summary>The rule for user names, the same as the <c>users</c> table's check: 1-100 of <c>A-Z a-z 0-9 _ . @ -</c>.</summary>
public static partial class UserNames
{
    public const string Rule = "a user name is 1-100 characters of A-Z a-z 0-9 _ . @ -";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_.@-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
