namespace Tracking.Server.Mqtt;

/// <summary>Whether MQTT ingestion can take messages now (for readiness).</summary>
internal interface IBrokerStatus
{
    bool IsReady { get; }

    string Description { get; }
}
