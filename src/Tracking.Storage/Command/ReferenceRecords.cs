using Tracking.Core.Duty;
using Tracking.Core.Resources;

namespace Tracking.Storage.Command;

/// <summary>
/// Builds reference rows from the text fields of one CSV record or JSON object, the same way for
/// both formats: field names as the JSON spells them (CSV columns match them case-insensitively),
/// a missing or empty field is null, enums by camelCase name, times by <see cref="IsoTime"/>. A field
/// that cannot be read gets a row error and a placeholder, so the remaining fields are still
/// checked by <see cref="ReferenceRules"/> and every problem of the row is reported at once.
/// Thread-safe (stateless).
/// </summary>
internal static class ReferenceRecords
{
    public static Officer Officer(Func<string, string?> field) =>
        new(field("id") ?? "", field("name") ?? "", field("team"), field("station"));

    public static Accreditation Accreditation(int row, Func<string, string?> field, ErrorList errors) =>
        new(field("officer") ?? "", field("skill") ?? "", OptionalTime(row, "expires", field("expires"), errors));

    public static Unit Unit(int row, Func<string, string?> field, ErrorList errors) =>
        new(
            field("id") ?? "",
            field("callSign") ?? "",
            RequiredEnum<Core.Dispatch.UnitType>(row, "type", field("type"), "unit type", errors),
            field("station"),
            field("team"));

    public static TrackedDevice Device(int row, Func<string, string?> field, ErrorList errors) =>
        new(field("id") ?? "", RequiredEnum<DeviceKind>(row, "kind", field("kind"), "device kind", errors), field("name"));

    /// <summary>A shift's own fields (everything but the crew).</summary>
    public static ShiftHead Shift(int row, Func<string, string?> field, ErrorList errors) =>
        new(
            field("id") ?? "",
            field("unit") ?? "",
            RequiredTime(row, "start", field("start"), errors),
            RequiredTime(row, "end", field("end"), errors),
            field("vehicle"));

    /// <summary>A JSON crew member: the officer is required.</summary>
    public static CrewMember CrewMember(Func<string, string?> field) => new(field("officer") ?? "", field("radio"), field("phone"));

    /// <summary>
    /// A CSV row's crew member, or null when the row names no officer (the one row of a shift
    /// without crew); a radio or phone without an officer is an error.
    /// </summary>
    public static CrewMember? OptionalCrewMember(int row, Func<string, string?> field, ErrorList errors)
    {
        var officer = field("officer");
        var radio = field("radio");
        var phone = field("phone");
        if (officer is null)
        {
            if (radio is not null)
            {
                errors.Add(row, "officer", "A radio is given without an officer.");
            }

            if (phone is not null)
            {
                errors.Add(row, "officer", "A phone is given without an officer.");
            }

            return null;
        }

        return new CrewMember(officer, radio, phone);
    }

    private static T RequiredEnum<T>(int row, string field, string? text, string what, ErrorList errors)
        where T : struct, Enum
    {
        if (text is null)
        {
            errors.Add(row, field, $"{field} is required: one of {CamelCaseEnum<T>.AllNames}.");
            return default;
        }

        if (!CamelCaseEnum<T>.TryParse(text, out var value))
        {
            errors.Add(row, field, $"'{ReferenceRules.Shorten(text)}' is not a {what}: use one of {CamelCaseEnum<T>.AllNames}.");
        }

        return value;
    }

    private static DateTimeOffset RequiredTime(int row, string field, string? text, ErrorList errors)
    {
        if (text is null)
        {
            errors.Add(row, field, $"{field} is required: a time such as 2026-11-26T14:00:00Z.");
            return default;
        }

        return OptionalTime(row, field, text, errors) ?? default;
    }

    private static DateTimeOffset? OptionalTime(int row, string field, string? text, ErrorList errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!IsoTime.TryParse(text, out var time, out var error))
        {
            errors.Add(row, field, error);
            return default(DateTimeOffset);
        }

        return time;
    }

    /// <summary>The fields of a shift other than its crew.</summary>
    public readonly record struct ShiftHead(string Id, string UnitId, DateTimeOffset Start, DateTimeOffset End, string? VehicleDeviceId);
}
