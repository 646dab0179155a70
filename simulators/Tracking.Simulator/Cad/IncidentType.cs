using Tracking.Core.Dispatch;

namespace Tracking.Simulator.Cad;

/// <summary>
/// A kind of incident the control room receives: its name, grade (1 emergency, 2 priority, 3 scheduled), how common it
/// is within its grade (<see cref="Weight"/>), the skills and vehicle type it asks for, and how long units stay at scene.
/// </summary>
public sealed record IncidentType(string Name, int Grade, double Weight, IReadOnlyList<string> RequiredSkills, UnitType? VehicleType, int MinSceneMinutes, int MaxSceneMinutes);
