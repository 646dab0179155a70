using Tracking.Core.Geo.Maps;

namespace Tracking.Core.Analytics;

/// <summary>A place the presence report covers: a micro-beat or a priority location, keyed as in <see cref="Patrol.AreaKeys"/>.</summary>
public sealed record PresenceReportArea(string Key, string Kind, string Id, string Name, PresenceTargets Targets);
