namespace Tracking.MapGenerator.Areas;

/// <summary>What kind of place a zone is; it decides what priority locations it gets.</summary>
internal enum ZoneKind
{
    Centre,
    District,
    Town,
}
