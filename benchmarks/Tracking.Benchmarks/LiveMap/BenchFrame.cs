using MessagePack;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// The part of a snapshot or frame a MessagePack benchmark client reads (other keys are skipped unread). Public
/// because MessagePack's generated formatters need public types.
/// </summary>
[MessagePackObject]
public sealed class BenchFrame
{
    [Key("units")]
    public IReadOnlyList<BenchMarker>? Units { get; set; }

    /// <summary>Move entries: an id and a time, like a marker, as far as the client reads them.</summary>
    [Key("moved")]
    public IReadOnlyList<BenchMarker>? Moved { get; set; }

    [Key("removed")]
    public IReadOnlyList<string>? Removed { get; set; }
}
