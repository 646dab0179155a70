using System.Text.Encodings.Web;
using System.Text.Json;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Resources;

namespace Tracking.Storage.Command;

/// <summary>
/// Reference data as JSON: an array of objects with camelCase properties (matched
/// case-insensitively on input), strings for every value, null or a missing property for an absent
/// optional value, enums by camelCase name, times ISO 8601 with an explicit offset (written in
/// UTC). Validated exactly as <see cref="ReferenceCsv"/> does; problems come back as row errors
/// (rows numbered from 1 in array order; 0 for the whole file), never as exceptions, and a file
/// with any problem yields no rows.
/// </summary>
/// <remarks>
/// Shapes: officer <c>{"id","name","team","station"}</c>; accreditation <c>{"officer","skill","expires"}</c>;
/// unit <c>{"id","callSign","type","station","team"}</c>; device <c>{"id","kind","name"}</c>; shift
/// <c>{"id","unit","start","end","vehicle","crew":[{"officer","radio","phone"}]}</c>. Other properties are
/// ignored. Reading is synchronous and buffers the document: hand it a buffered body of bounded
/// size, not a request stream that forbids synchronous reads. Thread-safe (stateless).
/// </remarks>
public static class ReferenceJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Files for people and tools, not for embedding in HTML: keep names such as "Siân" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ParsedRows<Officer> ReadOfficers(Stream stream) =>
        Read(stream, (_, fields, _) => ReferenceRecords.Officer(fields.Text), (rows, rowOf, errors) => ReferenceRules.CheckOfficers(rows, rowOf, errors));

    public static ParsedRows<Accreditation> ReadAccreditations(Stream stream) =>
        Read(stream, (row, fields, errors) => ReferenceRecords.Accreditation(row, fields.Text, errors), (rows, rowOf, errors) => ReferenceRules.CheckAccreditations(rows, rowOf, errors));

    public static ParsedRows<Unit> ReadUnits(Stream stream) =>
        Read(stream, (row, fields, errors) => ReferenceRecords.Unit(row, fields.Text, errors), (rows, rowOf, errors) => ReferenceRules.CheckUnits(rows, rowOf, errors));

    public static ParsedRows<TrackedDevice> ReadDevices(Stream stream) =>
        Read(stream, (row, fields, errors) => ReferenceRecords.Device(row, fields.Text, errors), (rows, rowOf, errors) => ReferenceRules.CheckDevices(rows, rowOf, errors));

    public static ParsedRows<Shift> ReadShifts(Stream stream) =>
        Read(
            stream,
            (row, fields, errors) =>
            {
                var head = ReferenceRecords.Shift(row, fields.Text, errors);
                var crew = new List<CrewMember>();
                foreach (var element in fields.Array("crew"))
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(row, "crew", $"Each crew member must be an object, not {JsonFields.Describe(element.ValueKind)}.");
                        continue;
                    }

                    crew.Add(ReferenceRecords.CrewMember(new JsonFields(element, row, errors).Text));
                }

                return new Shift(head.Id, head.UnitId, head.Start, head.End, head.VehicleDeviceId, crew);
            },
            (rows, rowOf, errors) => ReferenceRules.CheckShifts(rows, rowOf, (i, _) => rowOf(i), errors));

    public static void WriteOfficers(Stream stream, IEnumerable<Officer> officers) =>
        Write(stream, officers, (json, o) =>
        {
            json.WriteString("id", o.Id);
            json.WriteString("name", o.Name);
            json.WriteString("team", o.Team);
            json.WriteString("station", o.Station);
        });

    public static void WriteAccreditations(Stream stream, IEnumerable<Accreditation> accreditations) =>
        Write(stream, accreditations, (json, a) =>
        {
            json.WriteString("officer", a.OfficerId);
            json.WriteString("skill", a.Skill);
            json.WriteString("expires", a.Expires is { } expires ? IsoTime.Format(expires) : null);
        });

    public static void WriteUnits(Stream stream, IEnumerable<Unit> units) =>
        Write(stream, units, (json, u) =>
        {
            json.WriteString("id", u.Id);
            json.WriteString("callSign", u.CallSign);
            json.WriteString("type", CamelCaseEnum<UnitType>.Name(u.Type));
            json.WriteString("station", u.Station);
            json.WriteString("team", u.Team);
        });

    public static void WriteDevices(Stream stream, IEnumerable<TrackedDevice> devices) =>
        Write(stream, devices, (json, d) =>
        {
            json.WriteString("id", d.Id);
            json.WriteString("kind", CamelCaseEnum<DeviceKind>.Name(d.Kind));
            json.WriteString("name", d.Name);
        });

    public static void WriteShifts(Stream stream, IEnumerable<Shift> shifts) =>
        Write(stream, shifts, (json, s) =>
        {
            json.WriteString("id", s.Id);
            json.WriteString("unit", s.UnitId);
            json.WriteString("start", IsoTime.Format(s.Start));
            json.WriteString("end", IsoTime.Format(s.End));
            json.WriteString("vehicle", s.VehicleDeviceId);
            json.WriteStartArray("crew");
            foreach (var member in s.Crew)
            {
                json.WriteStartObject();
                json.WriteString("officer", member.OfficerId);
                json.WriteString("radio", member.RadioDeviceId);
                json.WriteString("phone", member.PhoneDeviceId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    private static ParsedRows<T> Read<T>(
        Stream stream,
        Func<int, JsonFields, ErrorList, T> convert,
        Action<IReadOnlyList<T>, Func<int, int>, ErrorList> check)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var errors = new ErrorList();
        var rows = new List<T>();
        var numbers = new List<int>();
        try
        {
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                errors.Add(0, "", $"The file must be a JSON array of objects, not {JsonFields.Describe(root.ValueKind)}.");
            }
            else if (root.GetArrayLength() > ReferenceLimits.MaxRows)
            {
                errors.Add(0, "", $"{root.GetArrayLength():N0} rows: at most {ReferenceLimits.MaxRows:N0} are allowed in one file; split it.");
            }
            else
            {
                var row = 0;
                foreach (var element in root.EnumerateArray())
                {
                    row++;
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(row, "", $"Each row must be an object, not {JsonFields.Describe(element.ValueKind)}.");
                        continue;
                    }

                    rows.Add(convert(row, new JsonFields(element, row, errors), errors));
                    numbers.Add(row);
                }
            }
        }
        catch (JsonException e)
        {
            errors.Add(0, "", $"The file is not valid JSON: {e.Message}");
        }

        check(rows, i => numbers[i], errors);
        return errors.Count == 0 ? new ParsedRows<T>(rows, []) : new ParsedRows<T>([], errors.ToList());
    }

    private static void Write<T>(Stream stream, IEnumerable<T> rows, Action<Utf8JsonWriter, T> writeFields)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            writeFields(json, row);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.Flush();
    }
}
