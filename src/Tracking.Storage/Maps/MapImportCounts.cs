namespace Tracking.Storage.Maps;

/// <summary>What an import did to one kind of feature.</summary>
/// <param name="Added">New ids.</param>
/// <param name="Changed">Ids whose stored data changed (for locations: a new version, or the current one closed).</param>
/// <param name="Removed">Ids deleted (beats, stations, roads) or retired (locations).</param>
/// <param name="Unchanged">Ids left exactly as they were.</param>
public sealed record MapImportCounts(int Added, int Changed, int Removed, int Unchanged)
{
    public bool HasChanges => Added + Changed + Removed > 0;
}
