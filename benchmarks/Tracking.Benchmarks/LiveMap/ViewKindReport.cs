namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// One kind of view in the clients' report: frames, markers in full (<c>units</c>) and move entries (<c>moved</c>),
/// JSON frame size and fix-to-client latency (ms).
/// </summary>
internal sealed record ViewKindReport(
    string Kind,
    int Clients,
    long Frames,
    long Markers,
    long Moved,
    long Removed,
    double? MeanJsonFrameBytes,
    long? LargestJsonFrameBytes,
    double FramesPerClientPerSecond,
    long Samples,
    double? MedianMs,
    double? P99Ms,
    double? MaxMs);
