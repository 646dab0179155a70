namespace Tracking.Storage.Maps;

/// <summary>
/// A feature of a map file that was left out, or kept only in part, and why.
/// </summary>
/// <param name="Source">The file (or stream name) it came from.</param>
/// <param name="Subject">Which feature: "feature 12" (0-based index in the file), "placemark 3 'Hightown'", "way 123".</param>
/// <param name="Message">What is wrong, in words a person importing the data can act on.</param>
public sealed record MapProblem(string Source, string Subject, string Message)
{
    /// <summary>"beats.geojson: feature 12: Polygon ring not closed".</summary>
    public override string ToString() => $"{Source}: {Subject}: {Message}";
}
