namespace Tracking.Core.Fixes;

/// <summary>The rule for device ids: 1–64 characters of <c>[A-Za-z0-9_.-]</c>, safe in MQTT topics, URLs and file names.</summary>
public static class DeviceIds
{
    public const int MaxLength = 64;

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
}
