using Tracking.Storage.Maps;

namespace Tracking.Server.Patrol;

/// <summary>
/// The force map in use: loaded from the database at start (after importing the configured map
/// directory) and rebuilt whenever a priority location changes. Readers take
/// <see cref="Current"/>, an immutable snapshot, without locking; rebuilds are serialised.
/// </summary>
internal sealed partial class MapState(MapStore store, TimeProvider time, ILogger<MapState> logger) : IDisposable
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private MapSnapshot _current = MapSnapshot.Empty;

    /// <summary>Raised after a new snapshot is in place.</summary>
    public event Action<MapSnapshot>? Changed;

    public MapSnapshot Current => Volatile.Read(ref _current);

    public void Dispose() => _reload.Dispose();

    /// <summary>
    /// Loads the map as it is now from the database and swaps it in when it differs from the one
    /// in use: a location changed here or by another server instance, or a change that was
    /// scheduled for a later time has come into force.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var map = await store.LoadAsync(now, cancellationToken);
            if (map is null)
            {
                LogNoMap(logger);
                return;
            }

            if (Fingerprint(map) == Fingerprint(Current.Map))
            {
                return;
            }

            var snapshot = MapSnapshot.Build(map, now);
            Volatile.Write(ref _current, snapshot);
            LogLoaded(logger, map.Name, map.Beats.Count, snapshot.Presence.Areas.Count - map.Beats.Count, map.Stations.Count, map.Roads.Count);
            Changed?.Invoke(snapshot);
        }
        finally
        {
            _reload.Release();
        }
    }

    // What a rebuild depends on, cheap to compare: ids, names, positions, validity and shapes' sizes. The
    // store makes a new version for every change of a location, so its times change too. Stations and water are
    // drawn by the pages from the snapshot, so a change to them alone is a change too.
    private static string Fingerprint(Core.Geo.Maps.ForceMap map)
    {
        var text = new System.Text.StringBuilder();
        text.Append(map.Name).Append('|').Append(map.Projection.Name).Append('|').Append(map.Roads.Count);
        foreach (var beat in map.Beats)
        {
            text.Append('|').Append(beat.Id).Append(':').Append(beat.Area.NumPoints).Append(':').Append(beat.Area.EnvelopeInternal);
        }

        foreach (var location in map.Locations)
        {
            text.Append('|').Append(location.Id).Append(':').Append(location.ValidFrom.UtcTicks).Append(':').Append(location.ValidTo?.UtcTicks);
        }

        foreach (var station in map.Stations)
        {
            text.Append("|station:").Append(station.Id).Append(':').Append(station.Name).Append(':').Append(station.Position.X).Append(',').Append(station.Position.Y);
        }

        foreach (var water in map.Water)
        {
            text.Append("|water:").Append(water.Id).Append(':').Append(water.Name).Append(':').Append(water.Shape.NumPoints).Append(':').Append(water.Shape.EnvelopeInternal);
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning,
        Message = "No force map in the database: fixes are not matched to beats or locations. Set Tracking:Patrol:MapDirectory (e.g. maps/leicester) to import one")]
    private static partial void LogNoMap(ILogger logger);

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information,
        Message = "Map '{Name}' in use: {Beats} beats, {Locations} priority locations, {Stations} stations, {Roads} roads")]
    private static partial void LogLoaded(ILogger logger, string name, int beats, int locations, int stations, int roads);
}
