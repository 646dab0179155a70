using Npgsql;
using Tracking.Core.Dispatch;
using Tracking.Core.Incidents;

namespace Tracking.Storage.Command;

/// <summary>
/// Incidents from command and control and the units that attended them (migration 0006). The
/// location is stored as a WGS84 point (x = longitude, y = latitude, SRID 4326) whose coordinates
/// come back bit for bit. Times are UTC, kept to the microsecond as PostgreSQL stores them.
/// </summary>
/// <remarks>
/// The store checks nothing the database does not: an incident that breaks a rule (closed without
/// <c>closedAt</c>, a coordinate off the globe, a type over 200 characters) is refused by the
/// table's checks with a <see cref="PostgresException"/>, so callers validate first to answer
/// with reasons. Thread-safe: each call takes its own pooled connection.
/// </remarks>
public sealed class IncidentStore(NpgsqlDataSource dataSource)
{
    private const string IncidentColumns =
        "id, grade, type, ST_X(location), ST_Y(location), required_skills, vehicle_type, created_at, status, closed_at";

    private const string AttendanceColumns = "a.incident_id, a.unit_id, a.assigned_at, a.arrived_at, a.self_deployed";

    /// <summary>
    /// Stores <paramref name="incident"/> by id. A message equal in every field to the stored
    /// version writes nothing (not even <c>updated_at</c>) and says <see cref="IncidentWriteResult.Unchanged"/>.
    /// </summary>
    public async Task<IncidentWriteResult> UpsertAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO incidents (id, grade, type, location, required_skills, vehicle_type, created_at, status, closed_at)
            VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10)
            ON CONFLICT (id) DO UPDATE SET grade = EXCLUDED.grade, type = EXCLUDED.type, location = EXCLUDED.location,
                                           required_skills = EXCLUDED.required_skills, vehicle_type = EXCLUDED.vehicle_type,
                                           created_at = EXCLUDED.created_at, status = EXCLUDED.status, closed_at = EXCLUDED.closed_at,
                                           updated_at = now()
            -- Coordinates compared as the doubles they are (geometry equality has meant bounding boxes in some PostGIS versions).
            WHERE (incidents.grade, incidents.type, ST_X(incidents.location), ST_Y(incidents.location), incidents.required_skills,
                   incidents.vehicle_type, incidents.created_at, incidents.status, incidents.closed_at)
                  IS DISTINCT FROM
                  (EXCLUDED.grade, EXCLUDED.type, ST_X(EXCLUDED.location), ST_Y(EXCLUDED.location), EXCLUDED.required_skills,
                   EXCLUDED.vehicle_type, EXCLUDED.created_at, EXCLUDED.status, EXCLUDED.closed_at)
            RETURNING xmax = 0
            """);
        command.Parameters.AddWithValue(incident.Id);
        command.Parameters.AddWithValue((short)incident.Grade);
        command.Parameters.AddWithValue(incident.Type);
        command.Parameters.AddWithValue(incident.Longitude);
        command.Parameters.AddWithValue(incident.Latitude);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. incident.RequiredSkills] });
        command.Parameters.Add(CommandSql.Text(incident.VehicleType is { } type ? CamelCaseEnum<UnitType>.Name(type) : null));
        command.Parameters.AddWithValue(incident.CreatedAt.UtcDateTime);
        command.Parameters.AddWithValue(CamelCaseEnum<IncidentStatus>.Name(incident.Status));
        command.Parameters.Add(CommandSql.Time(incident.ClosedAt));
        var inserted = await command.ExecuteScalarAsync(cancellationToken);
        return inserted switch
        {
            null => IncidentWriteResult.Unchanged,
            true => IncidentWriteResult.Created,
            _ => IncidentWriteResult.Updated,
        };
    }

    /// <summary>One incident, or null.</summary>
    public async Task<Incident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = dataSource.CreateCommand($"SELECT {IncidentColumns} FROM incidents WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await CommandSql.ReadAllAsync(command, ReadIncident, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// The incidents with <paramref name="status"/> (any when null) created in
    /// [<paramref name="createdFrom"/>, <paramref name="createdTo"/>) (either end open when null),
    /// by creation time, then id.
    /// </summary>
    public async Task<List<Incident>> ListAsync(
        IncidentStatus? status,
        DateTimeOffset? createdFrom,
        DateTimeOffset? createdTo,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {IncidentColumns} FROM incidents
            WHERE ($1::text IS NULL OR status = $1) AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)
            ORDER BY created_at, id
            """);
        command.Parameters.Add(CommandSql.Text(status is { } s ? CamelCaseEnum<IncidentStatus>.Name(s) : null));
        command.Parameters.Add(CommandSql.Time(createdFrom));
        command.Parameters.Add(CommandSql.Time(createdTo));
        return await CommandSql.ReadAllAsync(command, ReadIncident, cancellationToken);
    }

    /// <summary>
    /// Records a unit's part in an incident. A time already stored is kept: a later non-null
    /// assigned or arrived time does not move it, and null never clears it (the first arrival is
    /// the response time). <see cref="Attendance.SelfDeployed"/> is taken as given.
    /// </summary>
    public async Task UpsertAttendanceAsync(Attendance attendance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attendance);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO attendances (incident_id, unit_id, assigned_at, arrived_at, self_deployed)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (incident_id, unit_id) DO UPDATE
            SET assigned_at = coalesce(attendances.assigned_at, EXCLUDED.assigned_at),
                arrived_at = coalesce(attendances.arrived_at, EXCLUDED.arrived_at),
                self_deployed = EXCLUDED.self_deployed
            """);
        command.Parameters.AddWithValue(attendance.IncidentId);
        command.Parameters.AddWithValue(attendance.UnitId);
        command.Parameters.Add(CommandSql.Time(attendance.AssignedAt));
        command.Parameters.Add(CommandSql.Time(attendance.ArrivedAt));
        command.Parameters.AddWithValue(attendance.SelfDeployed);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The units that attended one incident, by unit id.</summary>
    public async Task<List<Attendance>> ListAttendancesAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        await using var command = dataSource.CreateCommand($"SELECT {AttendanceColumns} FROM attendances a WHERE a.incident_id = $1 ORDER BY a.unit_id");
        command.Parameters.AddWithValue(incidentId);
        return await CommandSql.ReadAllAsync(command, ReadAttendance, cancellationToken);
    }

    /// <summary>The attendances of every open incident, by incident id, then unit id.</summary>
    public async Task<List<Attendance>> ListAttendancesOfOpenIncidentsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {AttendanceColumns} FROM attendances a JOIN incidents i ON i.id = a.incident_id
            WHERE i.status = 'open'
            ORDER BY a.incident_id, a.unit_id
            """);
        return await CommandSql.ReadAllAsync(command, ReadAttendance, cancellationToken);
    }

    /// <summary>Every attendance of the incidents created in [<paramref name="createdFrom"/>, <paramref name="createdTo"/>), for reports.</summary>
    public async Task<List<Attendance>> ListAttendancesAsync(DateTimeOffset createdFrom, DateTimeOffset createdTo, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {AttendanceColumns} FROM attendances a JOIN incidents i ON i.id = a.incident_id
            WHERE i.created_at >= $1 AND i.created_at < $2
            ORDER BY a.incident_id, a.unit_id
            """);
        command.Parameters.AddWithValue(createdFrom.ToUniversalTime());
        command.Parameters.AddWithValue(createdTo.ToUniversalTime());
        return await CommandSql.ReadAllAsync(command, ReadAttendance, cancellationToken);
    }

    private static Incident ReadIncident(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            (Grade)reader.GetInt16(1),
            reader.GetString(2),
            reader.GetDouble(3),
            reader.GetDouble(4),
            reader.GetFieldValue<string[]>(5),
            reader.IsDBNull(6) ? null : CamelCaseEnum<UnitType>.Parse(reader.GetString(6)),
            reader.GetFieldValue<DateTimeOffset>(7),
            CamelCaseEnum<IncidentStatus>.Parse(reader.GetString(8)),
            CommandSql.NullableTime(reader, 9));

    private static Attendance ReadAttendance(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            CommandSql.NullableTime(reader, 2),
            CommandSql.NullableTime(reader, 3),
            reader.GetBoolean(4));
}
