namespace Tracking.Server.LiveMap;

/// <summary>What a marker on the live map stands for.</summary>
internal enum MarkerKind
{
    /// <summary>A unit of the control room (a vehicle's crew, a foot patrol), placed by whichever of its devices reported last.</summary>
    Unit,

    /// <summary>A device no unit holds (no shift gives it out), such as a demo device that registered itself.</summary>
    Device,
}
