namespace Tracking.Storage.Command;

/// <summary>One problem with one row of reference data (an import or a file).</summary>
/// <param name="Row">
/// The row, numbered from 1 in the order given: the element of a JSON array, the record after the
/// header of a CSV file, the item of a list handed to a store. 0 for a problem with the whole input
/// (not JSON, a missing CSV column, too many rows).
/// </param>
/// <param name="Field">The field (JSON property or CSV column) at fault, as the format names it; empty when none.</param>
/// <param name="Message">What is wrong, in words an administrator can act on.</param>
public sealed record RowError(int Row, string Field, string Message);
