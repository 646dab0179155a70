namespace Tracking.Benchmarks.LiveMap;

/// <summary>One hub client's view: its kind (for the report), the <c>JoinView</c> argument, and its protocol.</summary>
internal sealed record BenchView(string Kind, Dictionary<string, object?> Request, bool MessagePack);
