namespace Tracking.Simulator.Protocols;

/// <summary>Codes of ETSI TS 100 392-18-1 §6.3.64, reason for sending, that the simulated radios use.</summary>
public static class LipReason
{
    /// <summary>"Subscriber unit is powered ON": the first report of a radio at the start of a shift.</summary>
    public const byte PoweredOn = 0;

    /// <summary>"Emergency condition is detected": the radio's emergency button.</summary>
    public const byte Emergency = 2;

    /// <summary>"Maximum reporting interval exceeded since the last location information report": a periodic report.</summary>
    public const byte MaximumReportingInterval = 129;
}
