namespace Tracking.Server.Security;

/// <summary>
/// The four roles a user can hold. They do not include each other: an administrator manages the system (users,
/// devices, reference data) and sees nobody's movements unless also given an operational role.
/// </summary>
public static class Roles
{
    /// <summary>Control room: the live map, incidents, recommendations, assignments, unit status, alarms.</summary>
    public const string Dispatcher = "dispatcher";

    /// <summary>Patrol supervisors: presence against targets, replay, priority locations, and the control room's screens.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Analysts: reports over stored tracks and incidents; no live operations.</summary>
    public const string Analyst = "analyst";

    /// <summary>Users, devices and their secrets, reference data, the audit log, service statistics.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [Dispatcher, Supervisor, Analyst, Administrator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
