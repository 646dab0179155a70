namespace Tracking.Core.Geo.Maps;

/// <summary>
/// Road classes, after OpenStreetMap's <c>highway</c> values (the <c>_link</c> variants map to
/// their road's class). Ordered from fastest to slowest.
/// </summary>
public enum RoadClass
{
    /// <summary>highway=motorway.</summary>
    Motorway,

    /// <summary>highway=trunk: the main A-roads.</summary>
    Trunk,

    /// <summary>highway=primary.</summary>
    Primary,

    /// <summary>highway=secondary.</summary>
    Secondary,

    /// <summary>highway=tertiary.</summary>
    Tertiary,

    /// <summary>highway=unclassified: minor public roads.</summary>
    Unclassified,

    /// <summary>highway=residential.</summary>
    Residential,

    /// <summary>highway=living_street.</summary>
    LivingStreet,

    /// <summary>highway=service: access roads, car parks, yards.</summary>
    Service,
}
