namespace Tracking.Core.Dispatch;

/// <summary>
/// What dispatch knows about one unit at a moment: identity, type, status, rota, skills and last
/// position. Immutable: a change is a new snapshot.
/// </summary>
/// <param name="UnitId">Stable identifier (the same key as in <see cref="UnitPositionIndex"/>).</param>
/// <param name="CallSign">Radio call sign the control room uses.</param>
/// <param name="Type">Kind of unit.</param>
/// <param name="Status">Status as set by the control room or the crew.</param>
/// <param name="OnDuty">True when the rota has the unit on shift now.</param>
/// <param name="Skills">
/// Skill (accreditation) name → expiry (UTC), null for one that does not expire. A skill is valid
/// at a time before its expiry. Names are matched with the dictionary's own comparer.
/// </param>
/// <param name="Position">Last known position, or null when none has been received.</param>
/// <param name="PositionTime">Device time (UTC) of <paramref name="Position"/>.</param>
public sealed record UnitSnapshot(
    string UnitId,
    string CallSign,
    UnitType Type,
    UnitStatus Status,
    bool OnDuty,
    IReadOnlyDictionary<string, DateTimeOffset?> Skills,
    UnitPosition? Position,
    DateTimeOffset? PositionTime)
{
    /// <summary>Officers on board (names or collar numbers), when known.</summary>
    public IReadOnlyList<string> Crew { get; init; } = [];
}
