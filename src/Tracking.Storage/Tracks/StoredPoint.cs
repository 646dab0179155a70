namespace Tracking.Storage.Tracks;

/// <summary>One stored fix as tracks are cut and read: device time in UTC ticks (whole microseconds), longitude, latitude.</summary>
public readonly record struct StoredPoint(long Ticks, double Longitude, double Latitude);
