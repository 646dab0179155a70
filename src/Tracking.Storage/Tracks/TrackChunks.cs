namespace Tracking.Storage.Tracks;

/// <summary>
/// The stored tracks cut into short pieces that each know where they were (migration 0011, <c>track_chunks</c>), so that
/// presence in one area reads only the pieces that came near it instead of every fix of the period. A chunk holds the
/// consecutive fixes of one device within one local day and a small area, and starts with its predecessor (the fix
/// before its first one) when that is no further back than <see cref="LongestSegment"/>: the chunk's box then holds
/// every segment ending in it. <see cref="TrackChunkBuilder"/> cuts them in the background from the stored fixes;
/// <see cref="Patrol.StoredTracks.ReadNearAsync"/> reads them.
/// </summary>
public static class TrackChunks
{
    /// <summary>The longest segment (MaxGap) the chunks' boxes cover.</summary>
    public static readonly TimeSpan LongestSegment = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The builder cuts chunks only from fixes at least this old. A fix stored later than this after its device time
    /// (a tracker's buffered batch, a replayed file) marks its local day and the next as changed
    /// (<c>track_day_versions</c>), and the chunks of a changed day are cut again: until then readers take that day's
    /// fixes from <c>fixes</c>. The writer and the builder must use the same value.
    /// </summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(15);

    /// <summary>A chunk is cut when its box would grow wider or taller than this.</summary>
    public const double ExtentMetres = 1_000;

    /// <summary>A chunk holds at most this many fixes of its own (an hour at one fix per 10 s).</summary>
    public const int MaxFixes = 360;

    /// <summary>The builder reads and cuts at most this much device time per transaction.</summary>
    public static readonly TimeSpan BuildStep = TimeSpan.FromHours(6);

    /// <summary>
    /// Taken shared by every transaction that stores fixes (with the time that decides whether a fix is late read after
    /// it), and exclusively by the builder while it takes its snapshot and time: a fix the builder cannot see was stored
    /// after the builder's time, so it is late for any day the builder cut.
    /// </summary>
    internal const long WriterLockKey = 0x7472_636b_7772_6974; // "trckwrit"

    /// <summary>Held by the one builder at work: a second server instance skips its turn.</summary>
    public const long BuilderLockKey = 0x7472_636b_6275_696c; // "trckbuil"
}
