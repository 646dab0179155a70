namespace Tracking.Core.Dispatch;

/// <summary>What kind of resource a unit is: the vehicle type an incident may ask for.</summary>
public enum UnitType
{
    /// <summary>Marked response car (incident response vehicle).</summary>
    ResponseCar,

    /// <summary>Armed response vehicle.</summary>
    ArmedResponseVehicle,

    /// <summary>Van (cell van, carrier).</summary>
    Van,

    /// <summary>Dog unit (a dog handler's vehicle).</summary>
    DogUnit,

    /// <summary>Police motorcycle.</summary>
    Motorcycle,

    /// <summary>Officer on foot with a radio.</summary>
    FootPatrol,

    /// <summary>Police community support officer, on foot.</summary>
    Pcso,
}
