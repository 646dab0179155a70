namespace Tracking.Storage.Maps;

/// <summary>How <see cref="MapStore.ImportAsync"/> treats priority locations.</summary>
/// <param name="EffectiveAt">
/// When a changed location's new version starts (UTC), unless the file gives a later <c>validFrom</c>
/// of its own; null means the store's clock now.
/// </param>
/// <param name="RetireMissingLocations">
/// True when the imported map is the whole truth: a current location it lacks is retired at
/// <paramref name="EffectiveAt"/>. False (the default) leaves locations added through the API alone.
/// </param>
public sealed record MapImportOptions(DateTimeOffset? EffectiveAt = null, bool RetireMissingLocations = false)
{
    public static MapImportOptions Default { get; } = new();
}
