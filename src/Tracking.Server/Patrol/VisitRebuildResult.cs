namespace Tracking.Server.Patrol;

/// <summary>What a <see cref="VisitRebuild"/> did: tracks read, areas counted, stays deleted and written.</summary>
internal sealed record VisitRebuildResult(int Devices, long Fixes, int Areas, long StaysDeleted, int StaysWritten);
