namespace Tracking.Storage.Maps;

/// <summary>
/// What a map reader made of one file: the features it could use, and a problem for each it
/// could not (a bad feature never stops the rest of the file from being read).
/// </summary>
/// <typeparam name="T">Beat, PriorityLocation, Station or Road.</typeparam>
/// <param name="Items">The features read, in file order.</param>
/// <param name="Problems">One entry per feature left out or kept only in part.</param>
/// <param name="Skipped">
/// Features left out on purpose, not as errors: ways vehicles do not drive (footways, cycleways…)
/// and ways whose nodes are all outside the extract. Problems are counted separately.
/// </param>
public sealed record MapReadResult<T>(IReadOnlyList<T> Items, IReadOnlyList<MapProblem> Problems, int Skipped = 0);
