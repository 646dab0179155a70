namespace Tracking.Simulator.Faults;

/// <summary>A faults run: the server's MQTT broker, HTTP API (for its ingest statistics) and OsmAnd listener, and the seed.</summary>
public sealed record FaultsOptions(string Host, int Port, Uri Api, Uri OsmAnd, int Seed, string DevicePrefix = "fault-")
{
    /// <summary>How long to wait for the server's counts to settle after the last message.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The API token for reading the statistics of a server outside demo mode (the Administration policy); null: none.</summary>
    public string? ApiToken { get; init; }
}
