namespace Tracking.Core.Patrol;

/// <summary>
/// Keys that name the areas presence is counted for: "beat:{id}" and "location:{id}", so a
/// beat and a location may share an id.
/// </summary>
public static class AreaKeys
{
    /// <summary>The kind of a micro-beat.</summary>
    public const string BeatKind = "beat";

    /// <summary>The kind of a priority location.</summary>
    public const string LocationKind = "location";

    /// <summary>The key of a micro-beat.</summary>
    public static string Beat(string id) => BeatKind + ":" + id;

    /// <summary>The key of a priority location.</summary>
    public static string Location(string id) => LocationKind + ":" + id;

    /// <summary>Splits a key into its kind and id.</summary>
    public static (string Kind, string Id) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not an area key such as 'location:ID' or 'beat:ID'.");
        }

        return (key[..colon], key[(colon + 1)..]);
    }
}
