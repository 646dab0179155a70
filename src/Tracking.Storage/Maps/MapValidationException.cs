namespace Tracking.Storage.Maps;

/// <summary>
/// A map or location refused because its data is wrong (invalid polygon, radius out of range,
/// coordinates out of range, overlapping versions…). <see cref="Reasons"/> lists every fault
/// found, each naming the feature, so an API can answer 400 with all of them at once.
/// </summary>
public sealed class MapValidationException : Exception
{
    public MapValidationException()
        : this([])
    {
    }

    public MapValidationException(string message)
        : this([message])
    {
    }

    public MapValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reasons = [message];
    }

    public MapValidationException(IReadOnlyList<string> reasons)
        : base(reasons is { Count: > 0 } ? "The map data was refused: " + string.Join("; ", reasons) : "The map data was refused.")
    {
        Reasons = reasons;
    }

    /// <summary>Every fault found, one sentence each.</summary>
    public IReadOnlyList<string> Reasons { get; }
}
