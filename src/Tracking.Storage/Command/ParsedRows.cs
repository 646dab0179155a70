namespace Tracking.Storage.Command;

/// <summary>Rows read from a CSV or JSON file of reference data.</summary>
/// <typeparam name="T">The kind of row (officer, accreditation, unit, device, shift).</typeparam>
/// <param name="Rows">The rows in file order, times in UTC; empty whenever <paramref name="Errors"/> is not.</param>
/// <param name="Errors">Every problem found (at most <see cref="ReferenceLimits.MaxErrors"/> are listed).</param>
public sealed record ParsedRows<T>(IReadOnlyList<T> Rows, IReadOnlyList<RowError> Errors)
{
    /// <summary>Whether the file was read without a problem.</summary>
    public bool Succeeded => Errors.Count == 0;
}
