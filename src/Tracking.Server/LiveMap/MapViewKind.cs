namespace Tracking.Server.LiveMap;

/// <summary>What a live map shows: the whole force, a bounding box, one team or one station.</summary>
internal enum MapViewKind
{
    /// <summary>Every unit and every device no unit holds.</summary>
    Force,

    /// <summary>The markers whose position lies in a box of longitude and latitude (edges included).</summary>
    Bbox,

    /// <summary>The units of one team.</summary>
    Team,

    /// <summary>The units of one station.</summary>
    Station,
}
