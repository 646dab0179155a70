namespace Tracking.Server.Ingestion;

/// <summary>Server-wide switches. Section <c>Tracking</c>.</summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>
    /// Demo mode: unknown devices are registered on first contact. Off by default: a production server only takes
    /// fixes from devices an administrator registered (<c>PUT /api/devices/{id}</c>).
    /// </summary>
    public bool DemoMode { get; set; }
}
