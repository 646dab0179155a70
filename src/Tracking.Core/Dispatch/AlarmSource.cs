namespace Tracking.Core.Dispatch;

/// <summary>Where an emergency alarm came from.</summary>
public enum AlarmSource
{
    /// <summary>A fix flagged as emergency (a radio's LIP reason for sending, an OsmAnd SOS).</summary>
    Fix,

    /// <summary>The device's status topic.</summary>
    StatusTopic,
}
