namespace Tracking.Simulator.Cad;

/// <summary>A row of <c>POST /api/shifts/import</c>: who crews which unit with which vehicle (null for foot units), when.</summary>
public sealed record ShiftRow(string Id, string Unit, DateTimeOffset Start, DateTimeOffset End, string? Vehicle, IReadOnlyList<CrewRow> Crew);
