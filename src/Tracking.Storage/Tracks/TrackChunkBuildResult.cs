namespace Tracking.Storage.Tracks;

/// <summary>What one catch-up of the <see cref="TrackChunkBuilder"/> did.</summary>
/// <param name="Busy">Another builder (another server instance) was at work, so this one did nothing.</param>
/// <param name="Fixes">Fixes cut into chunks.</param>
/// <param name="Chunks">Chunks written.</param>
/// <param name="RecutDays">Device days cut again because their fixes changed after they were cut.</param>
/// <param name="BuiltUntil">Every fix before this time is in a current chunk, or in a day still to be cut again.</param>
public sealed record TrackChunkBuildResult(bool Busy, long Fixes, long Chunks, long RecutDays, DateTimeOffset? BuiltUntil);
