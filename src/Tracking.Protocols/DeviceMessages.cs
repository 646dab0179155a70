namespace Tracking.Protocols;

/// <summary>Limits common to every device protocol.</summary>
public static class DeviceMessages
{
    /// <summary>Largest accepted device message. A day of buffered fixes belongs in several messages, not one.</summary>
    public const int MaxPayloadBytes = 4096;
}
