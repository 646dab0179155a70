using CsvHelper;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Resources;

namespace Tracking.Storage.Command;

/// <summary>
/// Reference data as CSV (RFC 4180, comma-separated, CRLF): a header row naming the columns, in any
/// order and matched case-insensitively, then one row per officer, accreditation, unit or device,
/// and one row per crew member of a shift (rows with the same id form one shift). An empty field is
/// null. Times are ISO 8601 with an explicit offset, written in UTC. Problems come back as row
/// errors (rows numbered from 1 after the header; 0 for the whole file), never as exceptions, and
/// a file with any problem yields no rows.
/// </summary>
/// <remarks>
/// Columns: officers <c>id,name,team,station</c>; accreditations <c>officer,skill,expires</c>;
/// units <c>id,callSign,type,station,team</c>; devices <c>id,kind,name</c>; shifts
/// <c>id,unit,start,end,vehicle,officer,radio,phone</c>. Optional columns may be left out: team, station,
/// expires, device name, vehicle, radio, phone (so a rota written before crews carried phones still reads).
/// Other columns are ignored. Reading is synchronous: hand it a buffered body, not a request stream that
/// forbids synchronous reads. Thread-safe (stateless).
/// </remarks>
public static class ReferenceCsv
{
    private static readonly string[] OfficerColumns = ["id", "name", "team", "station"];
    private static readonly string[] AccreditationColumns = ["officer", "skill", "expires"];
    private static readonly string[] UnitColumns = ["id", "callSign", "type", "station", "team"];
    private static readonly string[] DeviceColumns = ["id", "kind", "name"];
    private static readonly string[] ShiftColumns = ["id", "unit", "start", "end", "vehicle", "officer", "radio", "phone"];

    // Far above any valid record (eight fields of at most 200 characters), so only hostile input meets it.
    private const int MaxRecordBytes = 1 << 20;

    public static ParsedRows<Officer> ReadOfficers(TextReader reader)
    {
        var errors = new ErrorList();
        var (rows, numbers) = ReadRows(reader, OfficerColumns, ["id", "name"], errors, (_, field) => ReferenceRecords.Officer(field));
        ReferenceRules.CheckOfficers(rows, i => numbers[i], errors);
        return Result(rows, errors);
    }

    public static ParsedRows<Accreditation> ReadAccreditations(TextReader reader)
    {
        var errors = new ErrorList();
        var (rows, numbers) = ReadRows(reader, AccreditationColumns, ["officer", "skill"], errors, (row, field) => ReferenceRecords.Accreditation(row, field, errors));
        ReferenceRules.CheckAccreditations(rows, i => numbers[i], errors);
        return Result(rows, errors);
    }

    public static ParsedRows<Unit> ReadUnits(TextReader reader)
    {
        var errors = new ErrorList();
        var (rows, numbers) = ReadRows(reader, UnitColumns, ["id", "callSign", "type"], errors, (row, field) => ReferenceRecords.Unit(row, field, errors));
        ReferenceRules.CheckUnits(rows, i => numbers[i], errors);
        return Result(rows, errors);
    }

    public static ParsedRows<TrackedDevice> ReadDevices(TextReader reader)
    {
        var errors = new ErrorList();
        var (rows, numbers) = ReadRows(reader, DeviceColumns, ["id", "kind"], errors, (row, field) => ReferenceRecords.Device(row, field, errors));
        ReferenceRules.CheckDevices(rows, i => numbers[i], errors);
        return Result(rows, errors);
    }

    /// <summary>
    /// Reads shifts: rows with the same id form one shift, its crew in row order; their unit, start,
    /// end and vehicle must agree. A shift without crew is one row with the officer left empty.
    /// </summary>
    public static ParsedRows<Shift> ReadShifts(TextReader reader)
    {
        var errors = new ErrorList();
        var (records, numbers) = ReadRows(
            reader,
            ShiftColumns,
            ["id", "unit", "start", "end", "officer"],
            errors,
            (row, field) => (Head: ReferenceRecords.Shift(row, field, errors), Member: ReferenceRecords.OptionalCrewMember(row, field, errors)));

        var shifts = new List<ShiftRows>();
        var byId = new Dictionary<string, ShiftRows>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var (head, member) = records[i];
            var row = numbers[i];
            if (!byId.TryGetValue(head.Id, out var shift))
            {
                shift = new ShiftRows(head, row);
                byId.Add(head.Id, shift);
                shifts.Add(shift);
            }
            else
            {
                Agree(shift, head, row, errors);
            }

            if (member is not null)
            {
                shift.Crew.Add(member);
                shift.CrewRows.Add(row);
            }
        }

        var rows = shifts.Select(s => new Shift(s.Head.Id, s.Head.UnitId, s.Head.Start, s.Head.End, s.Head.VehicleDeviceId, s.Crew)).ToList();
        ReferenceRules.CheckShifts(rows, i => shifts[i].Row, (i, c) => shifts[i].CrewRows[c], errors);
        return Result(rows, errors);
    }

    public static void WriteOfficers(TextWriter writer, IEnumerable<Officer> officers)
    {
        ArgumentNullException.ThrowIfNull(officers);
        Write(writer, OfficerColumns, officers.Select(o => new[] { o.Id, Text(o.Name), Text(o.Team), Text(o.Station) }));
    }

    public static void WriteAccreditations(TextWriter writer, IEnumerable<Accreditation> accreditations)
    {
        ArgumentNullException.ThrowIfNull(accreditations);
        Write(writer, AccreditationColumns, accreditations.Select(a => new[] { a.OfficerId, Text(a.Skill), Time(a.Expires) }));
    }

    public static void WriteUnits(TextWriter writer, IEnumerable<Unit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        Write(writer, UnitColumns, units.Select(u => new[] { u.Id, Text(u.CallSign), CamelCaseEnum<UnitType>.Name(u.Type), Text(u.Station), Text(u.Team) }));
    }

    public static void WriteDevices(TextWriter writer, IEnumerable<TrackedDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        Write(writer, DeviceColumns, devices.Select(d => new[] { d.Id, CamelCaseEnum<DeviceKind>.Name(d.Kind), Text(d.Name) }));
    }

    /// <summary>Writes one row per crew member (one row with no officer for a shift without crew).</summary>
    public static void WriteShifts(TextWriter writer, IEnumerable<Shift> shifts)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        Write(writer, ShiftColumns, shifts.SelectMany(ShiftRecords));

        static IEnumerable<string?[]> ShiftRecords(Shift shift)
        {
            var head = new[] { shift.Id, shift.UnitId, Time(shift.Start), Time(shift.End), shift.VehicleDeviceId };
            if (shift.Crew.Count == 0)
            {
                yield return [.. head, null, null, null];
            }

            foreach (var member in shift.Crew)
            {
                yield return [.. head, member.OfficerId, member.RadioDeviceId, member.PhoneDeviceId];
            }
        }
    }

    private static void Agree(ShiftRows shift, ReferenceRecords.ShiftHead head, int row, ErrorList errors)
    {
        // A field that could not be read has its own error already.
        if (head.UnitId != shift.Head.UnitId)
        {
            errors.Add(row, "unit", $"Differs from row {shift.Row}, the first row of shift '{ReferenceRules.Shorten(head.Id)}': every row of a shift names the same unit.");
        }

        if (!errors.Has(row, "start") && head.Start != shift.Head.Start)
        {
            errors.Add(row, "start", $"Differs from row {shift.Row}, the first row of shift '{ReferenceRules.Shorten(head.Id)}': every row of a shift has the same start.");
        }

        if (!errors.Has(row, "end") && head.End != shift.Head.End)
        {
            errors.Add(row, "end", $"Differs from row {shift.Row}, the first row of shift '{ReferenceRules.Shorten(head.Id)}': every row of a shift has the same end.");
        }

        if (head.VehicleDeviceId != shift.Head.VehicleDeviceId)
        {
            errors.Add(row, "vehicle", $"Differs from row {shift.Row}, the first row of shift '{ReferenceRules.Shorten(head.Id)}': every row of a shift names the same vehicle.");
        }
    }

    /// <summary>Reads every record into <typeparamref name="T"/> with <paramref name="convert"/>; returns them with their row numbers.</summary>
    private static (List<T> Rows, List<int> Numbers) ReadRows<T>(
        TextReader reader,
        string[] columns,
        string[] required,
        ErrorList errors,
        Func<int, Func<string, string?>, T> convert)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<T>();
        var numbers = new List<int>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = true,
            MaxRecordSize = MaxRecordBytes,

            // Recovered records still come back (and get this error), so the rows keep their numbers.
            OnMalformedRecord = record => errors.Add((int)Math.Max(record.RecordNumber - 1, 0), "", Describe(record.Reason)),
        };

        var row = 0;
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        try
        {
            var header = ReadHeader(csv, columns, required, errors);
            if (header is null)
            {
                return (rows, numbers);
            }

            while (csv.Read())
            {
                row++;
                if (row > ReferenceLimits.MaxRows)
                {
                    errors.Add(0, "", $"More than {ReferenceLimits.MaxRows:N0} rows: split the file.");
                    return (rows, numbers);
                }

                if (!FieldCountAgrees(csv, csv.Headers.Count))
                {
                    errors.Add(row, "", $"The row has {csv.FieldCount} fields where the header has {csv.Headers.Count}.");
                    continue;
                }

                rows.Add(convert(row, name => header.TryGetValue(name, out var index) && csv.GetString(index) is { Length: > 0 } value ? value : null));
                numbers.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(row + 1, "", $"The file cannot be read as CSV here: {e.Message}");
        }

        return (rows, numbers);
    }

    /// <summary>Column name → index, or null (with errors) when a required column is missing or one appears twice.</summary>
    private static Dictionary<string, int>? ReadHeader(CsvReader csv, string[] columns, string[] required, ErrorList errors)
    {
        var names = csv.Headers;
        if (names.Count == 0 || names.All(string.IsNullOrWhiteSpace))
        {
            errors.Add(0, "", $"The file is empty: it needs a header row ({string.Join(",", columns)}).");
            return null;
        }

        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            var name = columns.FirstOrDefault(column => column.Equals(names[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                continue; // a column we do not read
            }

            if (!header.TryAdd(name, i))
            {
                errors.Add(0, name, $"The column '{name}' appears twice in the header.");
            }
        }

        foreach (var column in required)
        {
            if (!header.ContainsKey(column))
            {
                errors.Add(0, column, $"The column '{column}' is missing: the header must name {string.Join(",", required)} (in any order).");
            }
        }

        return errors.Count == 0 ? header : null;
    }

    // Spreadsheets pad rows with empty trailing fields; anything else that disagrees with the header is an error.
    private static bool FieldCountAgrees(CsvReader csv, int headerCount)
    {
        if (csv.FieldCount < headerCount)
        {
            return false;
        }

        for (var i = headerCount; i < csv.FieldCount; i++)
        {
            if (!csv.IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "A quote inside an unquoted field: quote the whole field and double the quote (\"\").",
        CsvMalformedReason.TextAfterClosingQuote => "Text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "A quoted field is never closed.",
        _ => $"The row is malformed ({reason}).",
    };

    private static void Write(TextWriter writer, string[] columns, IEnumerable<string?[]> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = ',', NewLine = "\r\n" }, leaveOpen: true);
        csv.WriteHeader(columns);
        foreach (var record in records)
        {
            csv.WriteRecord(record);
        }

        csv.Flush();
    }

    /// <summary>
    /// Free text as written: a value that a spreadsheet would take for a formula (it could only
    /// have been stored around the import rules, e.g. a device named through the device API) gets
    /// a leading apostrophe, which spreadsheets read as "this is text".
    /// </summary>
    private static string? Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string? Time(DateTimeOffset? time) => time is { } value ? IsoTime.Format(value) : null;

    private static ParsedRows<T> Result<T>(List<T> rows, ErrorList errors) =>
        errors.Count == 0 ? new ParsedRows<T>(rows, []) : new ParsedRows<T>([], errors.ToList());

    /// <summary>One shift as its rows build it.</summary>
    private sealed class ShiftRows(ReferenceRecords.ShiftHead head, int row)
    {
        public ReferenceRecords.ShiftHead Head { get; } = head;

        public int Row { get; } = row;

        public List<CrewMember> Crew { get; } = [];

        public List<int> CrewRows { get; } = [];
    }
}
