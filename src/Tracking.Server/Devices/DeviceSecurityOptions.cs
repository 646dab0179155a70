using System.ComponentModel.DataAnnotations;

namespace Tracking.Server.Devices;

/// <summary>
/// How devices and service accounts authenticate and how fast one device may send. Section
/// <c>Tracking:DeviceSecurity</c>. Demo mode (<c>Tracking:DemoMode</c>) additionally accepts clients without credentials.
/// </summary>
public sealed class DeviceSecurityOptions
{
    public const string Section = "Tracking:DeviceSecurity";

    /// <summary>
    /// PBKDF2-HMAC-SHA-256 iterations for new hashes. Each hash keeps its own count, so raising this later leaves the
    /// stored ones valid. Secrets are at least <see cref="MinimumSecretLength"/> characters (generated ones 43 random
    /// characters), so this guards a stolen table rather than a guessable password.
    /// </summary>
    [Range(10_000, 10_000_000)]
    public int HashIterations { get; set; } = 100_000;

    /// <summary>The shortest secret <c>PUT /api/devices/{id}/secret</c> accepts.</summary>
    [Range(16, 256)]
    public int MinimumSecretLength { get; set; } = 16;

    /// <summary>Messages a second one device may send on average (MQTT publishes of any device topic, OsmAnd requests).</summary>
    [Range(1, 100_000)]
    public int MessagesPerSecond { get; set; } = 10;

    /// <summary>Messages one device may send at once before the rate applies (a buffered batch after a coverage gap is one message).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    /// <summary>How often secrets and accounts are re-read, so changes made through another server instance apply here too.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
