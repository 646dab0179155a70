using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Maps;

/// <summary>A police station, where units start and end their shifts.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="Name">Name people read.</param>
/// <param name="Position">Point in WGS84 lon/lat degrees.</param>
public sealed record Station(string Id, string Name, Point Position);
