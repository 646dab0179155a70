using System.ComponentModel.DataAnnotations;

namespace Tracking.Server.Journal;

/// <summary>The local write-ahead journal that makes an acknowledged fix durable before PostgreSQL has it. Section <c>Tracking:Journal</c>.</summary>
public sealed class JournalOptions
{
    public const string Section = "Tracking:Journal";

    /// <summary>Directory of the journal's segment files; relative paths are under the content root. Must be on a local disk.</summary>
    [Required]
    public string Directory { get; set; } = "data/journal";

    /// <summary>A segment is closed and a new one begun past this size; drained segments are deleted.</summary>
    [Range(1 << 16, 1L << 32)]
    public long SegmentBytes { get; set; } = 64L << 20;

    /// <summary>Fixes per database batch when draining the journal into PostgreSQL.</summary>
    [Range(1, 100_000)]
    public int DrainBatchSize { get; set; } = 10_000;

    /// <summary>
    /// After a batch smaller than <see cref="DrainBatchSize"/> (the drainer has caught up), how long it waits before
    /// reading the next: PostgreSQL then gets fewer, larger transactions instead of one per group commit. The fixes are
    /// already durable, acknowledged and live; only their rows wait. Zero drains at once.
    /// </summary>
    public TimeSpan DrainLinger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Appends waiting for the journal before publishers are slowed down (back-pressure).</summary>
    [Range(16, 1_000_000)]
    public int QueueCapacity { get; set; } = 16_384;
}
