namespace Tracking.Simulator.Cad;

/// <summary>One refused row of a bulk import (400): the row number, the field and why.</summary>
public sealed record ImportProblem(int Row, string? Field, string Message);
