using Tracking.Core.Duty;
using Tracking.Storage.Command;

namespace Tracking.Storage.Tests.Command;

/// <summary>Comparable text of rows whose records hold lists (compared by reference by record equality).</summary>
internal static class Rows
{
    public static string Text(Shift shift) =>
        $"{shift.Id}|{shift.UnitId}|{shift.Start.UtcDateTime:O}|{shift.End.UtcDateTime:O}|{shift.VehicleDeviceId}|{string.Join(";", shift.Crew)}";

    public static string[] Text(IEnumerable<Shift> shifts) => [.. shifts.Select(Text)];

    public static string Describe(IEnumerable<RowError> errors) => string.Join(Environment.NewLine, errors);
}
