namespace Tracking.Simulator.Fleet;

/// <summary>One shift of the duty rota: who crews which unit, from <see cref="Start"/> to <see cref="End"/> (UTC).</summary>
public sealed record ShiftPlan(string Id, string Unit, DateTimeOffset Start, DateTimeOffset End, string? Vehicle, IReadOnlyList<string> Officers);
