using Npgsql;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Resources;

namespace Tracking.Storage.Command;

/// <summary>
/// Command and control's reference data in PostgreSQL (migrations 0006 and 0013): officers and their
/// accreditations, units, devices and their kinds, and the duty rota with the radios and phones its crews carry.
/// </summary>
/// <remarks>
/// Imports are upserts by key, all or nothing: every row is checked (<see cref="ReferenceRules"/>)
/// and every reference looked up before anything is written, in one transaction, and any problem
/// is returned as row errors with nothing written. The rows an import refers to are share-locked
/// (<c>FOR KEY SHARE</c>) while it runs, so a concurrent delete cannot pull them away between the
/// check and the write. Rows equal to the stored ones are counted as updated and left untouched
/// (their <c>updated_at</c> too). Times are UTC; a shift covers [start, end).
/// Thread-safe: each call takes its own pooled connection.
/// </remarks>
public sealed class ReferenceStore(NpgsqlDataSource dataSource)
{
    private const string OfficerColumns = "id, name, team, station";

    private const string UnitColumns = "id, call_sign, type, station, team";

    // One row per shift; the crew as parallel arrays in their order (a LEFT JOIN, so a shift without crew has empty arrays).
    private const string ShiftSelect =
        """
        SELECT s.id, s.unit_id, s.starts_at, s.ends_at, s.vehicle_device_id,
               coalesce(array_agg(c.officer_id ORDER BY c.position) FILTER (WHERE c.officer_id IS NOT NULL), '{}'),
               coalesce(array_agg(c.radio_device_id ORDER BY c.position) FILTER (WHERE c.officer_id IS NOT NULL), '{}'),
               coalesce(array_agg(c.phone_device_id ORDER BY c.position) FILTER (WHERE c.officer_id IS NOT NULL), '{}')
        FROM shifts s LEFT JOIN shift_crew c ON c.shift_id = s.id
        """;

    /// <summary>Creates or updates officers by id.</summary>
    public async Task<ImportResult> ImportOfficersAsync(IReadOnlyList<Officer> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new ErrorList();
        ReferenceRules.CheckOfficers(rows, ReferenceRules.ListRow, errors);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO officers (id, name, team, station)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, team = EXCLUDED.team, station = EXCLUDED.station, updated_at = now()
            WHERE (officers.name, officers.team, officers.station) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.team, EXCLUDED.station)
            RETURNING xmax = 0
            """,
            connection,
            transaction);
        var sorted = rows.OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(o => o.Id)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(o => o.Name)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(o => o.Team)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(o => o.Station)));
        var created = await CountCreatedAsync(upsert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(created, rows.Count - created, []);
    }

    /// <summary>
    /// Creates or updates accreditations by officer and skill (case-insensitively; the spelling
    /// given is kept). Every officer must exist.
    /// </summary>
    public async Task<ImportResult> ImportAccreditationsAsync(IReadOnlyList<Accreditation> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new ErrorList();
        ReferenceRules.CheckAccreditations(rows, ReferenceRules.ListRow, errors);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var officers = await LockExistingAsync(connection, transaction, "officers", rows.Select(a => a.OfficerId), cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            Require(officers, rows[i].OfficerId, i + 1, "officer", "Officer", errors);
        }

        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO accreditations (officer_id, skill, expires)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
            ON CONFLICT (officer_id, lower(skill)) DO UPDATE SET skill = EXCLUDED.skill, expires = EXCLUDED.expires, updated_at = now()
            WHERE (accreditations.skill, accreditations.expires) IS DISTINCT FROM (EXCLUDED.skill, EXCLUDED.expires)
            RETURNING xmax = 0
            """,
            connection,
            transaction);
        var sorted = rows.OrderBy(a => a.OfficerId, StringComparer.Ordinal).ThenBy(a => a.Skill, StringComparer.OrdinalIgnoreCase).ToList();
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(a => a.OfficerId)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(a => a.Skill)));
        upsert.Parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = [.. sorted.Select(a => a.Expires?.UtcDateTime)] });
        var created = await CountCreatedAsync(upsert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(created, rows.Count - created, []);
    }

    /// <summary>Creates or updates units by id.</summary>
    public async Task<ImportResult> ImportUnitsAsync(IReadOnlyList<Unit> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new ErrorList();
        ReferenceRules.CheckUnits(rows, ReferenceRules.ListRow, errors);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO units (id, call_sign, type, station, team)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT (id) DO UPDATE SET call_sign = EXCLUDED.call_sign, type = EXCLUDED.type, station = EXCLUDED.station,
                                           team = EXCLUDED.team, updated_at = now()
            WHERE (units.call_sign, units.type, units.station, units.team)
                  IS DISTINCT FROM (EXCLUDED.call_sign, EXCLUDED.type, EXCLUDED.station, EXCLUDED.team)
            RETURNING xmax = 0
            """,
            connection,
            transaction);
        var sorted = rows.OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(u => u.Id)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(u => u.CallSign)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(u => CamelCaseEnum<UnitType>.Name(u.Type))));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(u => u.Station)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(u => u.Team)));
        var created = await CountCreatedAsync(upsert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(created, rows.Count - created, []);
    }

    /// <summary>
    /// Creates or updates devices by id: name and kind. A new device is recorded as registered by
    /// <c>"api"</c>; an existing one keeps when and how it was registered.
    /// </summary>
    public async Task<ImportResult> ImportDevicesAsync(IReadOnlyList<TrackedDevice> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new ErrorList();
        ReferenceRules.CheckDevices(rows, ReferenceRules.ListRow, errors);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO devices (id, name, kind, registered_by)
            SELECT id, name, kind, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS d(id, name, kind)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
            WHERE (devices.name, devices.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind)
            RETURNING xmax = 0
            """,
            connection,
            transaction);
        var sorted = rows.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(d => d.Id)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(d => d.Name)));
        upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(d => CamelCaseEnum<DeviceKind>.Name(d.Kind))));
        upsert.Parameters.AddWithValue(Devices.DeviceStore.RegisteredByApi);
        var created = await CountCreatedAsync(upsert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(created, rows.Count - created, []);
    }

    /// <summary>
    /// Creates or updates shifts by id. A shift's unit, vehicle, officers, radios and phones must exist.
    /// The crew of an updated shift is replaced by the one given (its order kept).
    /// </summary>
    public async Task<ImportResult> ImportShiftsAsync(IReadOnlyList<Shift> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new ErrorList();
        ReferenceRules.CheckShifts(rows, ReferenceRules.ListRow, (i, _) => i + 1, errors);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var units = await LockExistingAsync(connection, transaction, "units", rows.Select(s => s.UnitId), cancellationToken);
        var officers = await LockExistingAsync(connection, transaction, "officers", rows.SelectMany(s => s.Crew.Select(c => c.OfficerId)), cancellationToken);
        var devices = await LockExistingAsync(connection, transaction, "devices", rows.SelectMany(s => s.DeviceIds()), cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            var shift = rows[i];
            Require(units, shift.UnitId, i + 1, "unit", "Unit", errors);
            if (shift.VehicleDeviceId is not null)
            {
                Require(devices, shift.VehicleDeviceId, i + 1, "vehicle", "Device", errors);
            }

            foreach (var member in shift.Crew)
            {
                Require(officers, member.OfficerId, i + 1, "officer", "Officer", errors);
                if (member.RadioDeviceId is not null)
                {
                    Require(devices, member.RadioDeviceId, i + 1, "radio", "Device", errors);
                }

                if (member.PhoneDeviceId is not null)
                {
                    Require(devices, member.PhoneDeviceId, i + 1, "phone", "Device", errors);
                }
            }
        }

        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        // Lock the shifts being replaced, then compare their crews: only a changed crew is rewritten,
        // so re-importing the same rota changes nothing.
        var ids = rows.Select(s => s.Id).Order(StringComparer.Ordinal).ToArray();
        await using (var lockShifts = new NpgsqlCommand("SELECT id FROM shifts WHERE id = ANY($1) ORDER BY id FOR UPDATE", connection, transaction))
        {
            lockShifts.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
            await lockShifts.ExecuteNonQueryAsync(cancellationToken);
        }

        var storedCrews = await LoadCrewsAsync(connection, transaction, ids, cancellationToken);
        var crewChanged = rows
            .Where(s => !storedCrews.TryGetValue(s.Id, out var stored) || !stored.SequenceEqual(s.Crew))
            .Select(s => s.Id)
            .ToArray();

        int created;
        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO shifts (id, unit_id, starts_at, ends_at, vehicle_device_id)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[])
            ON CONFLICT (id) DO UPDATE SET unit_id = EXCLUDED.unit_id, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
                                           vehicle_device_id = EXCLUDED.vehicle_device_id, updated_at = now()
            WHERE (shifts.unit_id, shifts.starts_at, shifts.ends_at, shifts.vehicle_device_id)
                  IS DISTINCT FROM (EXCLUDED.unit_id, EXCLUDED.starts_at, EXCLUDED.ends_at, EXCLUDED.vehicle_device_id)
               OR shifts.id = ANY($6)
            RETURNING xmax = 0
            """,
            connection,
            transaction))
        {
            var sorted = rows.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(s => s.Id)));
            upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(s => s.UnitId)));
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. sorted.Select(s => s.Start.UtcDateTime)] });
            upsert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. sorted.Select(s => s.End.UtcDateTime)] });
            upsert.Parameters.Add(CommandSql.TextArray(sorted.Select(s => s.VehicleDeviceId)));
            upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = crewChanged });
            created = await CountCreatedAsync(upsert, cancellationToken);
        }

        if (crewChanged.Length > 0)
        {
            await using (var delete = new NpgsqlCommand("DELETE FROM shift_crew WHERE shift_id = ANY($1)", connection, transaction))
            {
                delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = crewChanged });
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            var changed = crewChanged.ToHashSet(StringComparer.Ordinal);
            var members = rows
                .Where(s => changed.Contains(s.Id))
                .SelectMany(s => s.Crew.Select((member, position) => (ShiftId: s.Id, Member: member, Position: (short)position)))
                .ToList();
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO shift_crew (shift_id, officer_id, radio_device_id, phone_device_id, position)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[])
                """,
                connection,
                transaction);
            insert.Parameters.Add(CommandSql.TextArray(members.Select(m => m.ShiftId)));
            insert.Parameters.Add(CommandSql.TextArray(members.Select(m => m.Member.OfficerId)));
            insert.Parameters.Add(CommandSql.TextArray(members.Select(m => m.Member.RadioDeviceId)));
            insert.Parameters.Add(CommandSql.TextArray(members.Select(m => m.Member.PhoneDeviceId)));
            insert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. members.Select(m => m.Position)] });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(created, rows.Count - created, []);
    }

    /// <summary>Every officer, by id.</summary>
    public async Task<List<Officer>> ListOfficersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {OfficerColumns} FROM officers ORDER BY id");
        return await CommandSql.ReadAllAsync(command, ReadOfficer, cancellationToken);
    }

    /// <summary>One officer, or null.</summary>
    public async Task<Officer?> GetOfficerAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = dataSource.CreateCommand($"SELECT {OfficerColumns} FROM officers WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await CommandSql.ReadAllAsync(command, ReadOfficer, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Every accreditation, by officer, then skill.</summary>
    public async Task<List<Accreditation>> ListAccreditationsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT officer_id, skill, expires FROM accreditations ORDER BY officer_id, lower(skill)");
        return await CommandSql.ReadAllAsync(
            command,
            reader => new Accreditation(reader.GetString(0), reader.GetString(1), CommandSql.NullableTime(reader, 2)),
            cancellationToken);
    }

    /// <summary>Every unit, by id.</summary>
    public async Task<List<Unit>> ListUnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {UnitColumns} FROM units ORDER BY id");
        return await CommandSql.ReadAllAsync(command, ReadUnit, cancellationToken);
    }

    /// <summary>One unit, or null.</summary>
    public async Task<Unit?> GetUnitAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = dataSource.CreateCommand($"SELECT {UnitColumns} FROM units WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await CommandSql.ReadAllAsync(command, ReadUnit, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Every registered device with its kind, by id.</summary>
    public async Task<List<TrackedDevice>> ListDevicesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, kind, name FROM devices ORDER BY id");
        return await CommandSql.ReadAllAsync(
            command,
            reader => new TrackedDevice(reader.GetString(0), CamelCaseEnum<DeviceKind>.Parse(reader.GetString(1)), CommandSql.NullableString(reader, 2)),
            cancellationToken);
    }

    /// <summary>
    /// The shifts that overlap [<paramref name="from"/>, <paramref name="to"/>) (a shift covers
    /// [start, end)), by start, then id, each with its crew in order. Empty when <paramref name="to"/>
    /// is not after <paramref name="from"/>.
    /// </summary>
    public async Task<List<Shift>> ListShiftsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(
            $"""
            {ShiftSelect}
            WHERE tstzrange(s.starts_at, s.ends_at) && tstzrange($1, $2)
            GROUP BY s.id
            ORDER BY s.starts_at, s.id
            """);
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        return await CommandSql.ReadAllAsync(command, ReadShift, cancellationToken);
    }

    /// <summary>One shift with its crew, or null.</summary>
    public async Task<Shift?> GetShiftAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = dataSource.CreateCommand(
            $"""
            {ShiftSelect}
            WHERE s.id = $1
            GROUP BY s.id
            """);
        command.Parameters.AddWithValue(id);
        return (await CommandSql.ReadAllAsync(command, ReadShift, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Deletes an officer and their accreditations; <see cref="DeleteResult.InUse"/> while a shift's crew names them.</summary>
    public Task<DeleteResult> DeleteOfficerAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("DELETE FROM officers WHERE id = $1", [id], cancellationToken);

    /// <summary>Deletes a unit; <see cref="DeleteResult.InUse"/> while it has shifts, status history or attendances.</summary>
    public async Task<DeleteResult> DeleteUnitAsync(string id, CancellationToken cancellationToken = default)
    {
        // History and attendances keep their unit ids without a foreign key (crew foot patrols are '{unit}.{officer}').
        await using var command = dataSource.CreateCommand(
            """
            DELETE FROM units WHERE id = $1
              AND NOT EXISTS (SELECT 1 FROM unit_status_history WHERE unit_id = $1 OR starts_with(unit_id, $1 || '.'))
              AND NOT EXISTS (SELECT 1 FROM attendances WHERE unit_id = $1 OR starts_with(unit_id, $1 || '.'))
            RETURNING id
            """);
        command.Parameters.AddWithValue(id);
        try
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return DeleteResult.Deleted;
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return DeleteResult.InUse;
        }

        return await GetUnitAsync(id, cancellationToken) is null ? DeleteResult.NotFound : DeleteResult.InUse;
    }

    /// <summary>Deletes a shift and its crew.</summary>
    public Task<DeleteResult> DeleteShiftAsync(string id, CancellationToken cancellationToken = default) =>
        DeleteAsync("DELETE FROM shifts WHERE id = $1", [id], cancellationToken);

    /// <summary>Deletes one accreditation; the skill matches case-insensitively.</summary>
    public Task<DeleteResult> DeleteAccreditationAsync(string officerId, string skill, CancellationToken cancellationToken = default) =>
        DeleteAsync("DELETE FROM accreditations WHERE officer_id = $1 AND lower(skill) = lower($2)", [officerId, skill], cancellationToken);

    private static Officer ReadOfficer(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), CommandSql.NullableString(reader, 2), CommandSql.NullableString(reader, 3));

    private static Unit ReadUnit(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), CamelCaseEnum<UnitType>.Parse(reader.GetString(2)), CommandSql.NullableString(reader, 3), CommandSql.NullableString(reader, 4));

    private static Shift ReadShift(NpgsqlDataReader reader)
    {
        var officers = reader.GetFieldValue<string[]>(5);
        var radios = reader.GetFieldValue<string?[]>(6);
        var phones = reader.GetFieldValue<string?[]>(7);
        var crew = new CrewMember[officers.Length];
        for (var i = 0; i < crew.Length; i++)
        {
            crew[i] = new CrewMember(officers[i], radios[i], phones[i]);
        }

        return new Shift(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetFieldValue<DateTimeOffset>(3),
            CommandSql.NullableString(reader, 4),
            crew);
    }

    private async Task<DeleteResult> DeleteAsync(string sql, string[] keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            command.Parameters.AddWithValue(key);
        }

        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0 ? DeleteResult.Deleted : DeleteResult.NotFound;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.RestrictViolation)
        {
            return DeleteResult.InUse;
        }
    }

    /// <summary>
    /// Which of <paramref name="ids"/> exist in <paramref name="table"/>, key-share-locking them
    /// until the transaction ends (what a foreign key would take), so they stay while the import runs.
    /// </summary>
    private static async Task<HashSet<string>> LockExistingAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string table,
        IEnumerable<string> ids,
        CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (wanted.Length == 0)
        {
            return found;
        }

        // table is one of our own constants, never input.
        await using var command = new NpgsqlCommand($"SELECT id FROM {table} WHERE id = ANY($1) ORDER BY id FOR KEY SHARE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = wanted });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private static async Task<Dictionary<string, List<CrewMember>>> LoadCrewsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string[] shiftIds,
        CancellationToken cancellationToken)
    {
        var crews = new Dictionary<string, List<CrewMember>>(StringComparer.Ordinal);
        await using (var shifts = new NpgsqlCommand("SELECT id FROM shifts WHERE id = ANY($1)", connection, transaction))
        {
            shifts.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = shiftIds });
            await using var reader = await shifts.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                crews.Add(reader.GetString(0), []);
            }
        }

        await using var command = new NpgsqlCommand(
            "SELECT shift_id, officer_id, radio_device_id, phone_device_id FROM shift_crew WHERE shift_id = ANY($1) ORDER BY shift_id, position",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = shiftIds });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                crews[reader.GetString(0)].Add(new CrewMember(reader.GetString(1), CommandSql.NullableString(reader, 2), CommandSql.NullableString(reader, 3)));
            }
        }

        return crews;
    }

    private static void Require(HashSet<string> existing, string id, int row, string field, string what, ErrorList errors)
    {
        if (!existing.Contains(id))
        {
            errors.Add(row, field, $"{what} '{id}' does not exist.");
        }
    }

    /// <summary>Runs an upsert whose RETURNING says, per written row, whether it was inserted; counts the inserts.</summary>
    private static async Task<int> CountCreatedAsync(NpgsqlCommand upsert, CancellationToken cancellationToken)
    {
        var created = 0;
        await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0))
            {
                created++;
            }
        }

        return created;
    }

    private static ImportResult Refused(ErrorList errors) => new(0, 0, errors.ToList());
}
