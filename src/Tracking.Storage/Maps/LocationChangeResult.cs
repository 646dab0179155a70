using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>The outcome of adding, changing or retiring a priority location.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Location">The version now stored (new, or the one closed by a retirement); the current one when unchanged; null otherwise.</param>
/// <param name="Reasons">Why it was refused, one sentence each; empty when done.</param>
public sealed record LocationChangeResult(LocationChangeStatus Status, PriorityLocation? Location, IReadOnlyList<string> Reasons)
{
    internal static LocationChangeResult Done(PriorityLocation location) => new(LocationChangeStatus.Done, location, []);

    internal static LocationChangeResult Refused(LocationChangeStatus status, params IReadOnlyList<string> reasons) => new(status, null, reasons);
}
