using System.Data;
using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// The force map in PostGIS (migrations 0003 and 0012): beats, stations, roads and water as the last import left
/// them, and priority locations with every version, so a report for any past time sees the
/// locations as they were then. Geometry travels as 2D WKB (<c>ST_GeomFromWKB(…, 4326)</c>,
/// <c>ST_AsBinary</c>), which keeps every coordinate bit for bit.
/// </summary>
/// <remarks>
/// Thread-safe: each call takes its own pooled connection; writes take one transaction-scoped
/// advisory lock, so imports and location changes from several server instances run one at a time.
/// Times are UTC; a version holds over [ValidFrom, ValidTo), <see cref="DateTimeOffset.MinValue"/>
/// (stored as -infinity) meaning "always".
/// </remarks>
public sealed class MapStore(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null)
{
    private const long WriteLockKey = 0x6d61_7073; // "maps"

    private const string LocationColumns =
        "location_id, version, valid_from, valid_to, name, ST_AsBinary(shape), radius_m, visits_per_day, minutes_per_day, beat_id";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Stores <paramref name="map"/>: the name and projection; beats, stations, roads and water made equal
    /// to the map's (added, updated, deleted; a map without water leaves none); each location compared with its stored current
    /// version and given a new version only when it differs. Importing the same map again changes
    /// nothing. All or nothing: invalid data throws <see cref="MapValidationException"/> with
    /// every fault, and nothing is written.
    /// </summary>
    public async Task<MapImportResult> ImportAsync(ForceMap map, MapImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= MapImportOptions.Default;
        var reasons = Validate(map);
        if (reasons.Count > 0)
        {
            throw new MapValidationException(reasons);
        }

        var effectiveAt = (options.EffectiveAt ?? _time.GetUtcNow()).ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, cancellationToken);

        bool settingsChanged;
        await using (var settings = new NpgsqlCommand(
            """
            INSERT INTO force_map (singleton, name, projection) VALUES (true, $1, $2)
            ON CONFLICT (singleton) DO UPDATE SET name = EXCLUDED.name, projection = EXCLUDED.projection
            WHERE (force_map.name, force_map.projection) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.projection)
            """, connection))
        {
            settings.Parameters.AddWithValue(map.Name);
            settings.Parameters.AddWithValue(map.Projection.Name);
            settingsChanged = await settings.ExecuteNonQueryAsync(cancellationToken) > 0;
        }

        var beats = await SyncAsync(
            connection,
            "beat_staging (id text, name text, team text, station text, wkb bytea)",
            "beat_staging (id, name, team, station, wkb)",
            map.Beats,
            async (importer, beat) =>
            {
                await importer.WriteAsync(beat.Id, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(beat.Name, NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(importer, beat.Team, cancellationToken);
                await WriteTextAsync(importer, beat.Station, cancellationToken);
                await importer.WriteAsync(MapGeometry.ToWkb(beat.Area), NpgsqlDbType.Bytea, cancellationToken);
            },
            """
            INSERT INTO beats (id, name, team, station, area)
            SELECT id, name, team, station, ST_Multi(ST_GeomFromWKB(wkb, 4326)) FROM beat_staging
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, team = EXCLUDED.team, station = EXCLUDED.station, area = EXCLUDED.area
            WHERE (beats.name, beats.team, beats.station, beats.area) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.team, EXCLUDED.station, EXCLUDED.area)
            RETURNING xmax = 0
            """,
            "DELETE FROM beats b WHERE NOT EXISTS (SELECT 1 FROM beat_staging s WHERE s.id = b.id)",
            cancellationToken);

        var stations = await SyncAsync(
            connection,
            "station_staging (id text, name text, wkb bytea)",
            "station_staging (id, name, wkb)",
            map.Stations,
            async (importer, station) =>
            {
                await importer.WriteAsync(station.Id, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(station.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(MapGeometry.ToWkb(station.Position), NpgsqlDbType.Bytea, cancellationToken);
            },
            """
            INSERT INTO stations (id, name, position)
            SELECT id, name, ST_GeomFromWKB(wkb, 4326) FROM station_staging
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position
            WHERE (stations.name, stations.position) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.position)
            RETURNING xmax = 0
            """,
            "DELETE FROM stations t WHERE NOT EXISTS (SELECT 1 FROM station_staging s WHERE s.id = t.id)",
            cancellationToken);

        var roads = await SyncAsync(
            connection,
            "road_staging (id text, name text, class text, speed_mps float8, oneway boolean, wkb bytea)",
            "road_staging (id, name, class, speed_mps, oneway, wkb)",
            map.Roads,
            async (importer, road) =>
            {
                await importer.WriteAsync(road.Id, NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(importer, road.Name, cancellationToken);
                await importer.WriteAsync(RoadClasses.ToOsmHighway(road.Class), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(road.SpeedMetresPerSecond, NpgsqlDbType.Double, cancellationToken);
                await importer.WriteAsync(road.OneWay, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(MapGeometry.ToWkb(road.Line), NpgsqlDbType.Bytea, cancellationToken);
            },
            """
            INSERT INTO roads (id, name, class, speed_mps, oneway, geom)
            SELECT id, name, class, speed_mps, oneway, ST_GeomFromWKB(wkb, 4326) FROM road_staging
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, class = EXCLUDED.class, speed_mps = EXCLUDED.speed_mps,
                                           oneway = EXCLUDED.oneway, geom = EXCLUDED.geom
            WHERE (roads.name, roads.class, roads.speed_mps, roads.oneway, roads.geom)
                  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.class, EXCLUDED.speed_mps, EXCLUDED.oneway, EXCLUDED.geom)
            RETURNING xmax = 0
            """,
            "DELETE FROM roads r WHERE NOT EXISTS (SELECT 1 FROM road_staging s WHERE s.id = r.id)",
            cancellationToken);

        var water = await SyncAsync(
            connection,
            "water_staging (id text, name text, wkb bytea)",
            "water_staging (id, name, wkb)",
            map.Water,
            async (importer, water) =>
            {
                await importer.WriteAsync(water.Id, NpgsqlDbType.Text, cancellationToken);
                await WriteTextAsync(importer, water.Name, cancellationToken);
                await importer.WriteAsync(MapGeometry.ToWkb(water.Shape), NpgsqlDbType.Bytea, cancellationToken);
            },
            """
            INSERT INTO water_features (id, name, shape)
            SELECT id, name, ST_GeomFromWKB(wkb, 4326) FROM water_staging
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, shape = EXCLUDED.shape
            WHERE (water_features.name, water_features.shape) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.shape)
            RETURNING xmax = 0
            """,
            "DELETE FROM water_features w WHERE NOT EXISTS (SELECT 1 FROM water_staging s WHERE s.id = w.id)",
            cancellationToken);

        var locations = await ImportLocationsAsync(connection, map.Locations, effectiveAt, options.RetireMissingLocations, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new MapImportResult(settingsChanged, beats, stations, roads, locations) { Water = water };
    }

    /// <summary>
    /// The map as it was at <paramref name="asOf"/> (now, by the store's clock, when null): beats,
    /// stations, roads, water, and the one version of each location valid then. Null when no map was
    /// ever imported. Read in one snapshot, so a concurrent import is seen whole or not at all.
    /// </summary>
    public async Task<ForceMap?> LoadAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var at = (asOf ?? _time.GetUtcNow()).ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        string name;
        MapProjection projection;
        await using (var settings = new NpgsqlCommand("SELECT name, projection FROM force_map", connection))
        await using (var reader = await settings.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            name = reader.GetString(0);
            projection = ParseProjection(reader.GetString(1));
        }

        var beats = new List<Beat>();
        await using (var command = new NpgsqlCommand("SELECT id, name, team, station, ST_AsBinary(area) FROM beats ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                beats.Add(new Beat(
                    reader.GetString(0),
                    reader.GetString(1),
                    Area(ReadGeometry(reader, 4)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        var stations = new List<Station>();
        await using (var command = new NpgsqlCommand("SELECT id, name, ST_AsBinary(position) FROM stations ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stations.Add(new Station(reader.GetString(0), reader.GetString(1), (Point)ReadGeometry(reader, 2)));
            }
        }

        var roads = new List<Road>();
        await using (var command = new NpgsqlCommand("SELECT id, name, class, speed_mps, oneway, ST_AsBinary(geom) FROM roads ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var roadClass = RoadClasses.FromOsmHighway(reader.GetString(2))
                    ?? throw new InvalidDataException($"road {reader.GetString(0)}: unknown class '{reader.GetString(2)}' in the database");
                roads.Add(new Road(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    roadClass,
                    reader.GetDouble(3),
                    reader.GetBoolean(4),
                    (LineString)ReadGeometry(reader, 5)));
            }
        }

        var water = new List<WaterFeature>();
        await using (var command = new NpgsqlCommand("SELECT id, name, ST_AsBinary(shape) FROM water_features ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                water.Add(new WaterFeature(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), ReadGeometry(reader, 2)));
            }
        }

        List<StoredVersion> locations;
        await using (var command = new NpgsqlCommand(
            $"SELECT {LocationColumns} FROM priority_locations WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY location_id",
            connection))
        {
            command.Parameters.AddWithValue(at);
            locations = await ReadVersionsAsync(command, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ForceMap(name, projection, beats, [.. locations.Select(v => v.Location)], stations, roads) { Water = water };
    }

    /// <summary>Every version of a location, oldest first; empty when the id is unknown.</summary>
    public async Task<IReadOnlyList<PriorityLocation>> GetLocationHistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = dataSource.CreateCommand($"SELECT {LocationColumns} FROM priority_locations WHERE location_id = $1 ORDER BY version");
        command.Parameters.AddWithValue(id);
        return [.. (await ReadVersionsAsync(command, cancellationToken)).Select(v => v.Location)];
    }

    /// <summary>
    /// Adds a new location as its first version (valid from <see cref="PriorityLocation.ValidFrom"/>).
    /// Conflict when the id was ever used, even by a retired location: its history stays its own.
    /// </summary>
    public async Task<LocationChangeResult> AddLocationAsync(PriorityLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var reasons = MapValidation.CheckLocation(location);
        if (reasons.Count > 0)
        {
            return LocationChangeResult.Refused(LocationChangeStatus.Invalid, reasons);
        }

        location = location with { ValidFrom = location.ValidFrom.ToUniversalTime(), ValidTo = location.ValidTo?.ToUniversalTime() };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, cancellationToken);
        if ((await ReadHistoryAsync(connection, location.Id, cancellationToken)).Count > 0)
        {
            return LocationChangeResult.Refused(LocationChangeStatus.Conflict, $"location '{location.Id}' exists already; change it, or choose another id");
        }

        await InsertVersionAsync(connection, 1, location, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LocationChangeResult.Done(location);
    }

    /// <summary>
    /// Changes a location from <paramref name="effectiveAt"/> on: its current version is closed
    /// then and a new version, with <paramref name="changes"/> applied, opens. Reports for earlier
    /// times keep seeing the old version.
    /// </summary>
    public async Task<LocationChangeResult> ChangeLocationAsync(string id, LocationChanges changes, DateTimeOffset effectiveAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(changes);
        effectiveAt = effectiveAt.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, cancellationToken);
        var (current, refusal) = await CurrentVersionAsync(connection, id, effectiveAt, cancellationToken);
        if (current is null)
        {
            return refusal!;
        }

        var old = current.Location;
        var shape = changes.Shape ?? old.Shape;
        var radius = changes.RadiusMetres ?? (changes.Shape is not null and not Point ? 0 : old.RadiusMetres);
        var changed = old with
        {
            Name = changes.Name ?? old.Name,
            Shape = shape,
            RadiusMetres = radius,
            Targets = changes.Targets ?? old.Targets,
            BeatId = changes.BeatId is null ? old.BeatId : changes.BeatId.Length == 0 ? null : changes.BeatId,
            ValidFrom = effectiveAt,
            ValidTo = null,
        };
        var reasons = MapValidation.CheckLocation(changed);
        if (reasons.Count > 0)
        {
            return LocationChangeResult.Refused(LocationChangeStatus.Invalid, reasons);
        }

        if (SameDefinition(old, changed))
        {
            return new LocationChangeResult(LocationChangeStatus.Unchanged, old, []);
        }

        await CloseVersionAsync(connection, id, current.Version, effectiveAt, cancellationToken);
        await InsertVersionAsync(connection, current.Version + 1, changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LocationChangeResult.Done(changed);
    }

    /// <summary>
    /// Retires a location at <paramref name="at"/>: its current version is closed then, so it is
    /// gone from maps loaded for later times and still there for earlier ones.
    /// </summary>
    public async Task<LocationChangeResult> RetireLocationAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        at = at.ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, cancellationToken);
        var (current, refusal) = await CurrentVersionAsync(connection, id, at, cancellationToken);
        if (current is null)
        {
            return refusal!;
        }

        await CloseVersionAsync(connection, id, current.Version, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LocationChangeResult.Done(current.Location with { ValidTo = at });
    }

    /// <summary>
    /// The projection a stored name stands for: <see cref="MapProjection.BritishNationalGridName"/>,
    /// or "local(lon,lat)" as <see cref="MapProjection.Local"/> names itself.
    /// </summary>
    public static MapProjection ParseProjection(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var prefix = MapProjection.LocalName + "(";
        if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.EndsWith(')'))
        {
            var parts = name[prefix.Length..^1].Split(',');
            if (parts.Length == 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude))
            {
                return MapProjection.Local(longitude, latitude);
            }
        }

        // The local projection without a centre has none to fall back on here.
        return MapProjection.FromName(name, new Envelope(0, 0, 0, 0));
    }

    private static List<string> Validate(ForceMap map)
    {
        var reasons = new List<string>();
        if (string.IsNullOrWhiteSpace(map.Name))
        {
            reasons.Add("the map has no name");
        }

        var beatIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var beat in map.Beats)
        {
            if (string.IsNullOrWhiteSpace(beat.Id) || !beatIds.Add(beat.Id))
            {
                reasons.Add($"beat '{beat.Id}': the id is empty or appears more than once");
            }

            if ((beat.Area is null ? "it has no area" : MapValidation.CheckArea(beat.Area)) is { } area)
            {
                reasons.Add($"beat '{beat.Id}': {area}");
            }
        }

        var stationIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var station in map.Stations)
        {
            if (string.IsNullOrWhiteSpace(station.Id) || !stationIds.Add(station.Id))
            {
                reasons.Add($"station '{station.Id}': the id is empty or appears more than once");
            }

            if (station.Position is null || station.Position.IsEmpty || MapValidation.CheckCoordinates(station.Position) is not null)
            {
                reasons.Add($"station '{station.Id}': " + (station.Position is null || station.Position.IsEmpty ? "it has no position" : MapValidation.CheckCoordinates(station.Position)));
            }
        }

        var roadIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var road in map.Roads)
        {
            if (string.IsNullOrWhiteSpace(road.Id) || !roadIds.Add(road.Id))
            {
                reasons.Add($"road '{road.Id}': the id is empty or appears more than once");
            }

            if (road.Line is null || road.Line.NumPoints < 2)
            {
                reasons.Add($"road '{road.Id}': a road needs a line of at least 2 points");
            }
            else if (MapValidation.CheckCoordinates(road.Line) is { } range)
            {
                reasons.Add($"road '{road.Id}': {range}");
            }

            if (!double.IsFinite(road.SpeedMetresPerSecond) || road.SpeedMetresPerSecond <= 0)
            {
                reasons.Add($"road '{road.Id}': the speed must be above 0 m/s");
            }
        }

        var waterIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var water in map.Water)
        {
            if (string.IsNullOrWhiteSpace(water.Id) || !waterIds.Add(water.Id))
            {
                reasons.Add($"water '{water.Id}': the id is empty or appears more than once");
            }

            if (water.Shape is not (Polygon or MultiPolygon or LineString or MultiLineString) || water.Shape.IsEmpty)
            {
                reasons.Add($"water '{water.Id}': expected a Polygon, MultiPolygon, LineString or MultiLineString, got {water.Shape?.GeometryType ?? "nothing"}");
            }
            else if (MapValidation.CheckCoordinates(water.Shape) is { } range)
            {
                reasons.Add($"water '{water.Id}': {range}");
            }
        }

        foreach (var versions in map.Locations.GroupBy(l => l.Id, StringComparer.Ordinal))
        {
            foreach (var location in versions)
            {
                reasons.AddRange(MapValidation.CheckLocation(location));
            }

            var ordered = versions.OrderBy(l => l.ValidFrom).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i - 1].ValidTo is not { } end || end > ordered[i].ValidFrom)
                {
                    reasons.Add($"location '{versions.Key}': its versions starting {ordered[i - 1].ValidFrom:O} and {ordered[i].ValidFrom:O} overlap; each version must end before the next starts");
                }
            }
        }

        return reasons;
    }

    private static async Task<MapImportCounts> ImportLocationsAsync(
        NpgsqlConnection connection, IReadOnlyList<PriorityLocation> locations, DateTimeOffset effectiveAt, bool retireMissing, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, List<StoredVersion>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT {LocationColumns} FROM priority_locations ORDER BY location_id, version", connection))
        {
            foreach (var version in await ReadVersionsAsync(command, cancellationToken))
            {
                if (!stored.TryGetValue(version.Location.Id, out var list))
                {
                    stored[version.Location.Id] = list = [];
                }

                list.Add(version);
            }
        }

        int added = 0, changed = 0, removed = 0, unchanged = 0;
        var reasons = new List<string>();
        var imported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in locations.GroupBy(l => l.Id, StringComparer.Ordinal))
        {
            imported.Add(group.Key);
            var versions = group.Select(l => l with { ValidFrom = l.ValidFrom.ToUniversalTime(), ValidTo = l.ValidTo?.ToUniversalTime() })
                .OrderBy(l => l.ValidFrom).ToList();
            if (!stored.TryGetValue(group.Key, out var history))
            {
                // A new location: its versions as the map gives them (usually one, valid always).
                for (var i = 0; i < versions.Count; i++)
                {
                    await InsertVersionAsync(connection, i + 1, versions[i], cancellationToken);
                }

                added++;
                continue;
            }

            var last = history[^1];
            var wanted = versions[^1];
            var same = SameDefinition(last.Location, wanted);
            var storedOpen = last.Location.ValidTo is null;
            var wantedOpen = wanted.ValidTo is null;
            if (same && (storedOpen == wantedOpen || !storedOpen))
            {
                // Equal, or retired here and since reinstated nowhere but in an old file: history wins.
                unchanged++;
                continue;
            }

            if (same)
            {
                // The map closes the current version.
                if (wanted.ValidTo <= last.Location.ValidFrom)
                {
                    reasons.Add($"location '{group.Key}': it would end at {wanted.ValidTo:O}, not after its current version's start {last.Location.ValidFrom:O}");
                    continue;
                }

                await CloseVersionAsync(connection, group.Key, last.Version, wanted.ValidTo!.Value, cancellationToken);
                changed++;
                continue;
            }

            // A changed definition: a new version from the map's own start when it is later than the
            // stored one's, else from the import's effective time.
            var start = wanted.ValidFrom > last.Location.ValidFrom ? wanted.ValidFrom : effectiveAt;
            if (!storedOpen && last.Location.ValidTo > start)
            {
                start = last.Location.ValidTo.Value;
            }

            if (start <= last.Location.ValidFrom || (wanted.ValidTo is { } end && end <= start))
            {
                reasons.Add($"location '{group.Key}': its new version would start at {start:O}, which is not after its current version's start {last.Location.ValidFrom:O} (or not before the new version's end); give an effective time after it");
                continue;
            }

            if (storedOpen)
            {
                await CloseVersionAsync(connection, group.Key, last.Version, start, cancellationToken);
            }

            await InsertVersionAsync(connection, last.Version + 1, wanted with { ValidFrom = start }, cancellationToken);
            changed++;
        }

        foreach (var (id, history) in stored)
        {
            var last = history[^1];
            if (imported.Contains(id) || last.Location.ValidTo is not null)
            {
                continue;
            }

            if (!retireMissing)
            {
                unchanged++;
                continue;
            }

            if (effectiveAt <= last.Location.ValidFrom)
            {
                reasons.Add($"location '{id}': it cannot be retired at {effectiveAt:O}, not after its current version's start {last.Location.ValidFrom:O}");
                continue;
            }

            await CloseVersionAsync(connection, id, last.Version, effectiveAt, cancellationToken);
            removed++;
        }

        if (reasons.Count > 0)
        {
            // Thrown before the commit: the whole import is rolled back.
            throw new MapValidationException(reasons);
        }

        return new MapImportCounts(added, changed, removed, unchanged);
    }

    /// <summary>
    /// Makes one table equal to <paramref name="items"/>: binary COPY into a staging table, one
    /// upsert that skips rows already equal, one delete of rows the map no longer has.
    /// </summary>
    private static async Task<MapImportCounts> SyncAsync<T>(
        NpgsqlConnection connection,
        string stagingDefinition,
        string stagingColumns,
        IReadOnlyList<T> items,
        Func<NpgsqlBinaryImporter, T, Task> writeRow,
        string upsert,
        string delete,
        CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE {stagingDefinition} ON COMMIT DROP", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {stagingColumns} FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var item in items)
            {
                await importer.StartRowAsync(cancellationToken);
                await writeRow(importer, item);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        int added = 0, changed = 0;
        await using (var command = new NpgsqlCommand(upsert, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            // xmax = 0 on a row the INSERT created; an updated row carries the updating transaction's id.
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetBoolean(0))
                {
                    added++;
                }
                else
                {
                    changed++;
                }
            }
        }

        int removed;
        await using (var command = new NpgsqlCommand(delete, connection))
        {
            removed = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new MapImportCounts(added, changed, removed, items.Count - added - changed);
    }

    private static async Task<(StoredVersion? Current, LocationChangeResult? Refusal)> CurrentVersionAsync(
        NpgsqlConnection connection, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var history = await ReadHistoryAsync(connection, id, cancellationToken);
        if (history.Count == 0)
        {
            return (null, LocationChangeResult.Refused(LocationChangeStatus.NotFound, $"location '{id}' does not exist"));
        }

        var last = history[^1];
        if (last.Location.ValidTo is { } retired)
        {
            return (null, LocationChangeResult.Refused(LocationChangeStatus.NotFound, $"location '{id}' was retired at {retired:O}"));
        }

        if (at <= last.Location.ValidFrom)
        {
            return (null, LocationChangeResult.Refused(
                LocationChangeStatus.Conflict,
                $"location '{id}': {at:O} is not after its current version's start {last.Location.ValidFrom:O}; changes take effect after it"));
        }

        return (last, null);
    }

    private static async Task<List<StoredVersion>> ReadHistoryAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {LocationColumns} FROM priority_locations WHERE location_id = $1 ORDER BY version", connection);
        command.Parameters.AddWithValue(id);
        return await ReadVersionsAsync(command, cancellationToken);
    }

    private static async Task InsertVersionAsync(NpgsqlConnection connection, int version, PriorityLocation location, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO priority_locations (location_id, version, valid_from, valid_to, name, shape, radius_m, visits_per_day, minutes_per_day, beat_id)
            VALUES ($1, $2, $3, $4, $5, ST_GeomFromWKB($6, 4326), $7, $8, $9, $10)
            """, connection);
        command.Parameters.AddWithValue(location.Id);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(location.ValidFrom.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)location.ValidTo?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.AddWithValue(location.Name);
        command.Parameters.AddWithValue(MapGeometry.ToWkb(location.Shape));
        command.Parameters.AddWithValue(location.RadiusMetres);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)location.Targets.VisitsPerDay ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)location.Targets.MinutesPerDay ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)location.BeatId ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CloseVersionAsync(NpgsqlConnection connection, string id, int version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE priority_locations SET valid_to = $3 WHERE location_id = $1 AND version = $2", connection);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(version);
        command.Parameters.AddWithValue(at.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<StoredVersion>> ReadVersionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var versions = new List<StoredVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var visits = reader.IsDBNull(7) ? (int?)null : reader.GetInt32(7);
            var minutes = reader.IsDBNull(8) ? (double?)null : reader.GetDouble(8);
            versions.Add(new StoredVersion(
                reader.GetInt32(1),
                new PriorityLocation(
                    reader.GetString(0),
                    reader.GetString(4),
                    ReadGeometry(reader, 5),
                    reader.GetDouble(6),
                    visits is null && minutes is null ? PresenceTargets.None : new PresenceTargets(visits, minutes),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                    reader.IsDBNull(9) ? null : reader.GetString(9))));
        }

        return versions;
    }

    /// <summary>True when two versions define the same location (name, shape, radius, targets, beat), times aside.</summary>
    private static bool SameDefinition(PriorityLocation a, PriorityLocation b) =>
        a.Name == b.Name
        && a.Shape.GetType() == b.Shape.GetType()
        && a.Shape.EqualsExact(b.Shape)
        && a.RadiusMetres.Equals(b.RadiusMetres)
        && a.Targets == b.Targets
        && a.BeatId == b.BeatId;

    private static Geometry ReadGeometry(NpgsqlDataReader reader, int ordinal) =>
        MapGeometry.FromWkb(reader.GetFieldValue<byte[]>(ordinal));

    /// <summary>A stored one-part MultiPolygon is read back as the Polygon it was imported as.</summary>
    private static Geometry Area(Geometry stored) =>
        stored is MultiPolygon { NumGeometries: 1 } multi ? multi.GetGeometryN(0) : stored;

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WriteLockKey})", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record StoredVersion(int Version, PriorityLocation Location);
}
