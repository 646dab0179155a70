namespace Tracking.Benchmarks.EndToEnd;

/// <summary>One poll of the server's stats: messages received and fixes committed (stored + duplicates) so far.</summary>
internal readonly record struct StatsSample(DateTimeOffset Time, long Received, long Committed);
