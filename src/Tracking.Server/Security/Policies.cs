namespace Tracking.Server.Security;

/// <summary>
/// The authorization policies every endpoint, page and hub names (<c>RequireAuthorization(Policies.X)</c>): each is
/// the set of roles that may use it. Outside demo mode nothing but the health checks, the sign-in page, the static
/// bundles and the devices' own endpoints (which authenticate the device) is open to an anonymous caller.
/// </summary>
public static class Policies
{
    /// <summary>The live map page and hub, live positions, open incidents, recommendations, unit status, open stays.</summary>
    public const string LiveOperations = "live-operations";

    /// <summary>Changing the control room's state: incidents, assignments, unit status, clearing alarms.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Reports over stored tracks and incidents, retrospective presence, the reports page.</summary>
    public const string Reports = "reports";

    /// <summary>Viewing one device's or unit's track (audited): the live map's trail, replay.</summary>
    public const string TrackViewing = "track-viewing";

    /// <summary>Adding, changing and retiring priority locations.</summary>
    public const string PatrolPlanning = "patrol-planning";

    /// <summary>Reading officers, units, devices, shifts and accreditations.</summary>
    public const string ReferenceReading = "reference-reading";

    /// <summary>Users, device registration and secrets, reference data changes, the audit log, service statistics.</summary>
    public const string Administration = "administration";

    /// <summary>Anything any signed-in user with at least one role may read (the map's base layers and locations).</summary>
    public const string AnyRole = "any-role";

    /// <summary>The roles of each policy.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesOf { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [LiveOperations] = [Roles.Dispatcher, Roles.Supervisor],
        [Dispatch] = [Roles.Dispatcher, Roles.Supervisor],
        [Reports] = [Roles.Supervisor, Roles.Analyst],
        [TrackViewing] = [Roles.Dispatcher, Roles.Supervisor, Roles.Analyst],
        [PatrolPlanning] = [Roles.Supervisor],
        [ReferenceReading] = [Roles.Dispatcher, Roles.Supervisor, Roles.Administrator],
        [Administration] = [Roles.Administrator],
        [AnyRole] = [Roles.Dispatcher, Roles.Supervisor, Roles.Analyst, Roles.Administrator],
    };
}
