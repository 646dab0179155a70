namespace Tracking.Core.Dispatch;

/// <summary>
/// An emergency raised by a device (an officer pressed the emergency button): where, who, and the
/// units recommended as back-up at the moment it was raised. It stays open until a dispatcher clears it.
/// </summary>
/// <param name="Id">Identifier given when it was raised.</param>
/// <param name="DeviceId">The device that raised it.</param>
/// <param name="UnitId">The unit the rota gave the device at the time, when any.</param>
/// <param name="OfficerIds">The officers the rota gave the device (a radio's or phone's carrier, a vehicle's crew).</param>
/// <param name="Longitude">Where, degrees east (WGS84): the alarm's own position, else the device's or its unit's last; null when none is known.</param>
/// <param name="Latitude">Where, degrees north (WGS84); null with <paramref name="Longitude"/>.</param>
/// <param name="RaisedAt">When the device raised it (UTC).</param>
/// <param name="Source">How it arrived.</param>
/// <param name="BackUp">The nearest available units when it was raised, fastest first.</param>
public sealed record Alarm(
    Guid Id,
    string DeviceId,
    string? UnitId,
    IReadOnlyList<string> OfficerIds,
    double? Longitude,
    double? Latitude,
    DateTimeOffset RaisedAt,
    AlarmSource Source,
    IReadOnlyList<Recommendation> BackUp)
{
    /// <summary>When a dispatcher cleared it, or null while open.</summary>
    public DateTimeOffset? ClearedAt { get; init; }

    /// <summary>Who cleared it.</summary>
    public string? ClearedBy { get; init; }

    /// <summary>What they said when clearing it.</summary>
    public string? ClearNote { get; init; }

    /// <summary>Whether it is still open.</summary>
    public bool IsOpen => ClearedAt is null;
}
