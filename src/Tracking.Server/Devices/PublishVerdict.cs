namespace Tracking.Server.Devices;

/// <summary>What the broker does with one publish after <see cref="PublishAdmission"/>.</summary>
public enum PublishVerdict
{
    /// <summary>Handle it (store, relay).</summary>
    Accepted,

    /// <summary>Not a topic this client may publish to: drop it (MQTT 5: PUBACK NotAuthorized).</summary>
    NotAuthorized,

    /// <summary>Its device is over its rate on a shared connection: drop it (MQTT 5: PUBACK QuotaExceeded).</summary>
    OverRate,
}
