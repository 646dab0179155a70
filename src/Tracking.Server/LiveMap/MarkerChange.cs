namespace Tracking.Server.LiveMap;

/// <summary>
/// A marker that changed in a tick: its state at the last tick (null when it is new) and now. Whether a view showed it
/// follows from the previous state, so the views need not remember what they showed.
/// </summary>
internal readonly record struct MarkerChange(PreparedMarker? Previous, PreparedMarker Current);
