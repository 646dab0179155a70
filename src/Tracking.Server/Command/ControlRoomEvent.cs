namespace Tracking.Server.Command;

/// <summary>One change for the live maps.</summary>
/// <param name="Kind">What changed: <c>unit</c>, <c>incident</c>, <c>dispatch</c>, <c>alarm</c>.</param>
/// <param name="Payload">The new state (a <see cref="UnitView"/>, <see cref="IncidentView"/>, <see cref="DispatchMessage"/> or <see cref="Core.Dispatch.Alarm"/>).</param>
internal sealed record ControlRoomEvent(string Kind, object Payload);
