using System.Text.Json;
using Tracking.Core.Dispatch;
using Tracking.Core.Incidents;
using Tracking.Core.Resources;
using Tracking.Core.Validation;
using Tracking.Storage.Command;

namespace Tracking.Server.Command;

/// <summary>
/// Reads command and control's incident JSON, the same over REST and over MQTT (<c>cad/incidents</c>):
/// <c>{"id", "grade": 1|2|3, "type", "location": GeoJSON Point, "requiredSkills": [...], "vehicleType",
/// "createdAt", "status": "open"|"closed", "closedAt"}</c>. Every problem is named; nothing is guessed.
/// </summary>
internal static class IncidentJson
{
    /// <summary>Largest message accepted.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The incident, or null with every problem found (then also the rules' problems when it parsed).</summary>
    public static Incident? Parse(ReadOnlySpan<byte> utf8, DateTimeOffset now, List<string> problems, string? idFromPath = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (utf8.Length > MaxBytes)
        {
            problems.Add($"message: larger than {MaxBytes} bytes");
            return null;
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException exception)
        {
            problems.Add("message: not valid JSON (" + exception.Message + ")");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add("message: must be a JSON object");
                return null;
            }

            var id = String(root, "id", problems, required: idFromPath is null);
            if (idFromPath is not null)
            {
                if (id is not null && id != idFromPath)
                {
                    problems.Add("id: differs from the id in the URL");
                }

                id = idFromPath;
            }

            if (id is not null && !ResourceIds.IsValid(id))
            {
                problems.Add($"id: must be {ResourceIds.Rule}");
            }

            var grade = Grade(root, problems);
            var type = String(root, "type", problems, required: true);
            var location = Location(root, problems);
            var skills = Skills(root, problems);
            var vehicleType = VehicleType(root, problems);
            var createdAt = Time(root, "createdAt", problems, required: true);
            var status = Status(root, problems);
            var closedAt = Time(root, "closedAt", problems, required: false);
            if (problems.Count > 0)
            {
                return null;
            }

            var incident = new Incident(id!, grade!.Value, type!, location!.Value.Longitude, location.Value.Latitude, skills!, vehicleType,
                createdAt!.Value, status, closedAt);
            problems.AddRange(IncidentRules.Problems(incident, now));
            return problems.Count == 0 ? incident : null;
        }
    }

    private static string? String(JsonElement root, string name, List<string> problems, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add($"{name}: missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{name}: must be a string");
            return null;
        }

        if (!JsonText.TryRead(value, out var text))
        {
            problems.Add($"{name}: is not valid Unicode (a lone surrogate)");
            return null;
        }

        return text;
    }

    private static Grade? Grade(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("grade", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add("grade: missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var grade) || grade is < 1 or > 3)
        {
            problems.Add("grade: must be 1 (emergency), 2 (priority) or 3 (scheduled)");
            return null;
        }

        return (Grade)grade;
    }

    private static (double Longitude, double Latitude)? Location(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("location", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add("location: missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !type.ValueEquals("Point")
            || !value.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array
            || coordinates.GetArrayLength() is < 2 or > 3
            || coordinates[0].ValueKind != JsonValueKind.Number || coordinates[1].ValueKind != JsonValueKind.Number)
        {
            problems.Add("location: must be a GeoJSON Point {\"type\":\"Point\",\"coordinates\":[longitude, latitude]}");
            return null;
        }

        return (coordinates[0].GetDouble(), coordinates[1].GetDouble());
    }

    private static List<string>? Skills(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("requiredSkills", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add("requiredSkills: must be an array of strings");
            return null;
        }

        var skills = new List<string>();
        foreach (var skill in value.EnumerateArray())
        {
            if (skill.ValueKind != JsonValueKind.String)
            {
                problems.Add("requiredSkills: must be an array of strings");
                return null;
            }

            if (!JsonText.TryRead(skill, out var name))
            {
                problems.Add("requiredSkills: is not valid Unicode (a lone surrogate)");
                return null;
            }

            skills.Add(name);
        }

        return skills;
    }

    private static UnitType? VehicleType(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("vehicleType", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && JsonText.TryRead(value, out var text)
            && Enum.TryParse<UnitType>(text, ignoreCase: true, out var type) && !int.TryParse(text, out _))
        {
            return type;
        }

        problems.Add("vehicleType: must be one of " + string.Join(", ", Enum.GetNames<UnitType>().Select(JsonNamingPolicy.CamelCase.ConvertName)));
        return null;
    }

    private static DateTimeOffset? Time(JsonElement root, string name, List<string> problems, bool required)
    {
        var text = String(root, name, problems, required);
        if (text is null)
        {
            return null;
        }

        // An explicit zone is required: a time without one means a different instant on every machine.
        if (!IsoTime.TryParse(text, out var time, out var error))
        {
            problems.Add($"{name}: {error}");
            return null;
        }

        return time;
    }

    private static IncidentStatus Status(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("status", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return IncidentStatus.Open;
        }

        switch (value.ValueKind == JsonValueKind.String && JsonText.TryRead(value, out var text) ? text : null)
        {
            case "open":
                return IncidentStatus.Open;
            case "closed":
                return IncidentStatus.Closed;
            default:
                problems.Add("status: must be \"open\" or \"closed\"");
                return IncidentStatus.Open;
        }
    }
}
