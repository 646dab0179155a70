namespace Tracking.Storage.Command;

/// <summary>What a delete of reference data did.</summary>
public enum DeleteResult
{
    /// <summary>There was no such row.</summary>
    NotFound,

    /// <summary>The row is gone.</summary>
    Deleted,

    /// <summary>
    /// Nothing was deleted: other rows still point at it (a unit with shifts, status history or
    /// attendances; an officer on a shift).
    /// </summary>
    InUse,
}
