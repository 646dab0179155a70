using MessagePack;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// The part of a marker or of a move entry a MessagePack benchmark client reads: which, and the device time of its
/// position (ISO 8601).
/// </summary>
[MessagePackObject]
public sealed class BenchMarker
{
    [Key("id")]
    public string? Id { get; set; }

    [Key("time")]
    public string? Time { get; set; }
}
