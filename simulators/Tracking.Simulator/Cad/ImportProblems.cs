namespace Tracking.Simulator.Cad;

/// <summary>The body of a refused bulk import: <c>{"errors": [...]}</c>.</summary>
public sealed record ImportProblems(IReadOnlyList<ImportProblem> Errors);
