namespace Tracking.Core.Fixes;

/// <summary>The device protocol a fix was decoded from. Stored as a small integer: never renumber.</summary>
public enum FixSource : byte
{
    Native = 1,
    OwnTracks = 2,
    Nmea = 3,
    TetraLip = 4,
    OsmAnd = 5,
}
