namespace Tracking.Simulator.Fleet;

/// <summary>A skill an officer is accredited for, valid until <see cref="Expires"/> (null: does not expire).</summary>
public sealed record Accreditation(string Skill, DateTimeOffset? Expires);
