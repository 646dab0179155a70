using System.Text.Json;

namespace Tracking.Core.Validation;

/// <summary>Reading a JSON string whose \u escapes may not form valid UTF-16 (a lone surrogate) without an exception.</summary>
public static class JsonText
{
    /// <summary>
    /// The string value of <paramref name="element"/> (which must be a JSON string), or false when its escapes do not
    /// form valid UTF-16 — <see cref="JsonElement.GetString"/> throws for those, and bad input is not an exceptional case.
    /// </summary>
    public static bool TryRead(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException) when (element.ValueKind == JsonValueKind.String)
        {
            text = "";
            return false;
        }
    }
}
