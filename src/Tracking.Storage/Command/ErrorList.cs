namespace Tracking.Storage.Command;

/// <summary>
/// Collects row errors: one per row and field (the first problem found is the one to fix; a second
/// message about the same value would only repeat it), and at most <see cref="ReferenceLimits.MaxErrors"/>,
/// so a file of nonsense yields a readable answer rather than a million lines. Not thread-safe.
/// </summary>
internal sealed class ErrorList
{
    private readonly List<RowError> _errors = [];
    private readonly HashSet<(int Row, string Field)> _seen = [];
    private bool _truncated;

    public int Count => _errors.Count;

    public bool Full => _errors.Count >= ReferenceLimits.MaxErrors;

    public void Add(int row, string field, string message)
    {
        if (!_seen.Add((row, field)))
        {
            return;
        }

        if (Full)
        {
            _truncated = true;
            return;
        }

        _errors.Add(new RowError(row, field, message));
    }

    public bool Has(int row, string field) => _seen.Contains((row, field));

    public IReadOnlyList<RowError> ToList()
    {
        if (!_truncated)
        {
            return _errors;
        }

        return [.. _errors, new RowError(0, "", $"More than {ReferenceLimits.MaxErrors:N0} errors: the rest are not listed.")];
    }
}
