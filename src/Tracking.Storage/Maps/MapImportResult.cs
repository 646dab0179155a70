namespace Tracking.Storage.Maps;

/// <summary>What <see cref="MapStore.ImportAsync"/> changed. Re-importing the same map changes nothing.</summary>
/// <param name="SettingsChanged">True when the map's name or projection changed.</param>
/// <param name="Beats">Beats added, updated, deleted, left.</param>
/// <param name="Stations">Stations added, updated, deleted, left.</param>
/// <param name="Roads">Roads added, updated, deleted, left.</param>
/// <param name="Locations">Locations added, given a new version or closed, retired, left.</param>
public sealed record MapImportResult(
    bool SettingsChanged,
    MapImportCounts Beats,
    MapImportCounts Stations,
    MapImportCounts Roads,
    MapImportCounts Locations)
{
    /// <summary>Water features added, updated, deleted, left; not a constructor parameter, since water is only drawn.</summary>
    public MapImportCounts Water { get; init; } = new(0, 0, 0, 0);

    public bool ChangedAnything => SettingsChanged || Beats.HasChanges || Stations.HasChanges || Roads.HasChanges || Locations.HasChanges || Water.HasChanges;
}
