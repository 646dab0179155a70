namespace Tracking.Server.Security;

/// <summary>The audit log's action names (stable: administrators query by them).</summary>
public static class AuditActions
{
    /// <summary><c>GET /api/devices/{id}/track</c>: one device's track (the live map's trail).</summary>
    public const string TrackView = "track.view";

    /// <summary><c>GET /api/reports/replay</c>: a device's or unit's movements over a period (GeoJSON or GPX).</summary>
    public const string ReplayView = "replay.view";

    /// <summary><c>GET /api/reports/workload</c>: incidents attended per officer and shift.</summary>
    public const string WorkloadView = "workload.view";

    /// <summary><c>POST /api/presence</c>: each device's stays in an area with their times.</summary>
    public const string PresenceView = "presence.view";

    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in.failed";
    public const string SignOut = "sign-out";
    public const string UserCreate = "user.create";
    public const string UserChange = "user.change";
    public const string UserPassword = "user.password";
    public const string TokenIssue = "token.issue";
    public const string TokenRevoke = "token.revoke";
}
