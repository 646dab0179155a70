namespace Tracking.Server.Command;

/// <summary>One change for the live maps.</summary>
/// <param name="Kind">What changed: <c>units</c>, <c>incident</c>, <c>dispatch</c>, <c>alarm</c>.</param>
/// <param name="Payload">The new state (<see cref="UnitChanges"/>, an <see cref="IncidentView"/>, a <see cref="DispatchMessage"/> or an <see cref="Core.Dispatch.Alarm"/>).</param>
internal sealed record ControlRoomEvent(string Kind, object Payload);
