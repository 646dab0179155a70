namespace Tracking.Simulator.Cad;

/// <summary>A row of <c>POST /api/accreditations/import</c>: an officer's skill, valid until <see cref="Expires"/> (null: no expiry).</summary>
public sealed record AccreditationRow(string Officer, string Skill, DateTimeOffset? Expires);
