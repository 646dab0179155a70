using System.Text.Json;

namespace Tracking.Storage.Command;

/// <summary>
/// An enum's values as the files and the database spell them: the C# name in camelCase
/// (<c>ArmedResponseVehicle</c> → <c>armedResponseVehicle</c>). Parsing matches names only,
/// case-insensitively: unlike <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> it refuses
/// numbers ("1") and lists ("van, pcso"). Thread-safe (immutable tables built once).
/// </summary>
internal static class CamelCaseEnum<T>
    where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>()
        .ToDictionary(value => value, value => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));

    private static readonly Dictionary<string, T> Values = Names
        .ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name, in declaration order, for messages.</summary>
    public static string AllNames { get; } = string.Join(", ", Enum.GetValues<T>().Select(value => Names[value]));

    public static string Name(T value) =>
        Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(T).Name}.");

    public static bool TryParse(string? text, out T value)
    {
        if (text is not null && Values.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A value read from a column the database constrains to the names.</summary>
    public static T Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");
}
