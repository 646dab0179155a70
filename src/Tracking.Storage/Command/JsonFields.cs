using System.Text.Json;
using Tracking.Core.Validation;

namespace Tracking.Storage.Command;

/// <summary>
/// The properties of one JSON object of a reference file, matched case-insensitively. A property
/// given twice, or a value of the wrong JSON type, becomes a row error rather than an exception.
/// Not thread-safe; lives as long as the <see cref="JsonDocument"/> it reads.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _row;
    private readonly ErrorList _errors;

    public JsonFields(JsonElement element, int row, ErrorList errors)
    {
        _row = row;
        _errors = errors;
        foreach (var property in element.EnumerateObject())
        {
            if (!_properties.TryAdd(property.Name, property.Value))
            {
                errors.Add(row, property.Name, $"{property.Name} is given twice.");
            }
        }
    }

    /// <summary>A string property: null when absent, null or empty; an error for any other JSON type.</summary>
    public string? Text(string name)
    {
        if (!_properties.TryGetValue(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                if (!JsonText.TryRead(value, out var text))
                {
                    _errors.Add(_row, name, $"{name} is not valid Unicode (a lone surrogate).");
                    return null;
                }

                return text.Length == 0 ? null : text;
            default:
                _errors.Add(_row, name, $"{name} must be a string, not {Describe(value.ValueKind)}.");
                return null;
        }
    }

    /// <summary>An array property's elements: empty when absent or null; an error for any other JSON type.</summary>
    public IEnumerable<JsonElement> Array(string name)
    {
        if (!_properties.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(_row, name, $"{name} must be an array, not {Describe(value.ValueKind)}.");
            return [];
        }

        return value.EnumerateArray();
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
