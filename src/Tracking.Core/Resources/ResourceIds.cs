namespace Tracking.Core.Resources;

/// <summary>
/// The form of the identifiers of officers, units, shifts and incidents: 1–64 characters of
/// <c>[A-Za-z0-9_.-]</c>, so they are safe in topics, URLs and file names and never need quoting.
/// </summary>
public static class ResourceIds
{
    /// <summary>Longest identifier accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="id"/> is a well-formed identifier.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The rule in words, for rejection messages.</summary>
    public const string Rule = "1-64 characters of A-Z a-z 0-9 _ . -";
}
