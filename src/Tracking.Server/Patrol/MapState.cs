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

    /// <summary>Loads the map as it is now from the database and swaps it in.</summary>
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

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning,
        Message = "No force map in the database: fixes are not matched to beats or locations. Set Tracking:Patrol:MapDirectory (e.g. maps/leicester) to import one")]
    private static partial void LogNoMap(ILogger logger);

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information,
        Message = "Map '{Name}' in use: {Beats} beats, {Locations} priority locations, {Stations} stations, {Roads} roads")]
    private static partial void LogLoaded(ILogger logger, string name, int beats, int locations, int stations, int roads);
}
