namespace Tracking.Storage.Command;

/// <summary>What an import of reference data did: all of it, or nothing when any row had an error.</summary>
/// <param name="Created">Rows that were new.</param>
/// <param name="Updated">Rows that existed already, whether or not anything in them changed.</param>
/// <param name="Errors">Every problem found; when not empty, nothing was written and both counts are 0.</param>
public sealed record ImportResult(int Created, int Updated, IReadOnlyList<RowError> Errors)
{
    /// <summary>Whether the import was written.</summary>
    public bool Succeeded => Errors.Count == 0;
}
