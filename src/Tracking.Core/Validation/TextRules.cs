namespace Tracking.Core.Validation;

/// <summary>
/// What free text (a name, a call sign, a reason, a note) may be stored. PostgreSQL text cannot hold NUL and the
/// database speaks UTF-8, so text with control characters or invalid UTF-16 (a lone surrogate, which JSON's \u escapes
/// can carry) is refused here with a reason instead of failing deep in a write; anything else, SQL metacharacters
/// included, is stored exactly as given (every query is parameterised).
/// </summary>
public static class TextRules
{
    /// <summary>Longest name, call sign, type, skill or reason.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest note (free text a dispatcher types when closing something).</summary>
    public const int MaxNoteLength = 2_000;

    /// <summary>
    /// Why <paramref name="value"/> cannot be stored, or null when it can. Line breaks and tabs are allowed only in
    /// notes (<paramref name="lineBreaks"/>).
    /// </summary>
    public static string? Problem(string value, int maxLength, bool lineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return $"is {value.Length:N0} characters long: at most {maxLength:N0} are allowed";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"is not valid Unicode (a lone surrogate at character {i + 1})";
            }

            if (char.IsControl(c) && !(lineBreaks && c is '\n' or '\r' or '\t'))
            {
                return $"contains a control character (U+{(int)c:X4}) at character {i + 1}";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> can be stored (<see cref="Problem"/> is null).</summary>
    public static bool IsAcceptable(string value, int maxLength, bool lineBreaks = false) => Problem(value, maxLength, lineBreaks) is null;
}
