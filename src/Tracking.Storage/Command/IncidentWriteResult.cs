namespace Tracking.Storage.Command;

/// <summary>What <see cref="IncidentStore.UpsertAsync"/> did with an incident message.</summary>
public enum IncidentWriteResult
{
    /// <summary>The incident was new.</summary>
    Created,

    /// <summary>A field differed from the stored version, which was replaced.</summary>
    Updated,

    /// <summary>Every field equalled the stored version: nothing was written (a re-sent message).</summary>
    Unchanged,
}
