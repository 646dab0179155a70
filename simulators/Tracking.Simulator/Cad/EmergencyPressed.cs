using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>An officer pressed the emergency button of their radio (<see cref="RadioId"/>, its ISSI).</summary>
internal sealed record EmergencyPressed(DateTimeOffset At, string UnitId, string OfficerId, string RadioId) : WorldEvent(At);
