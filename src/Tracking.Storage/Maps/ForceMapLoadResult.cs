using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>A map directory as read: the map, and every feature of its files that was left out and why.</summary>
/// <param name="Map">The force map, built from the features that could be read.</param>
/// <param name="Problems">Problems of all files, each naming its file and feature.</param>
/// <param name="SkippedRoads">Ways left out on purpose (footways, cycleways…, ways outside the extract).</param>
public sealed record ForceMapLoadResult(ForceMap Map, IReadOnlyList<MapProblem> Problems, int SkippedRoads);
