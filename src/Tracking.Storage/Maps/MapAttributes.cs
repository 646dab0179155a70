using System.Globalization;

namespace Tracking.Storage.Maps;

/// <summary>
/// A feature's properties as text, looked up by a loose name: case, underscores, hyphens and
/// spaces are ignored, so <c>visitsPerDay</c>, <c>visits_per_day</c> and <c>VISITS PER DAY</c>
/// are one key. Forces export from many tools, each with its own habit for names.
/// </summary>
internal sealed class MapAttributes
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Sets a value unless the key already has one (the first source of a key wins).</summary>
    public void TryAdd(string key, string? value)
    {
        if (value is not null)
        {
            _values.TryAdd(Normalise(key), value);
        }
    }

    /// <summary>The first of <paramref name="keys"/> with a non-blank value, trimmed.</summary>
    public string? Text(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (_values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>A number, or null when absent; false when present but not a finite number.</summary>
    public bool TryNumber(out double? value, params ReadOnlySpan<string> keys)
    {
        value = null;
        var text = Text(keys);
        if (text is null)
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>A whole number, or null when absent; false when present but not whole.</summary>
    public bool TryWholeNumber(out int? value, params ReadOnlySpan<string> keys)
    {
        value = null;
        if (!TryNumber(out var number, keys))
        {
            return false;
        }

        if (number is null)
        {
            return true;
        }

        if (number != Math.Floor(number.Value) || number is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)number.Value;
        return true;
    }

    /// <summary>An ISO 8601 time (UTC when it carries no offset), or null when absent; false when unreadable.</summary>
    public bool TryTime(out DateTimeOffset? value, params ReadOnlySpan<string> keys)
    {
        value = null;
        var text = Text(keys);
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            value = time;
            return true;
        }

        return false;
    }

    /// <summary>Lower case without '_', '-' and spaces: the form every lookup key is written in.</summary>
    public static string Normalise(string key)
    {
        var buffer = new System.Text.StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is not ('_' or '-' or ' '))
            {
                buffer.Append(char.ToLowerInvariant(c));
            }
        }

        return buffer.ToString();
    }
}
