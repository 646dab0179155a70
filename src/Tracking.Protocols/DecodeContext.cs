namespace Tracking.Protocols;

/// <summary>What a decoder knows besides the payload: whose message it is (from the topic or URL) and when it arrived (UTC).</summary>
public readonly record struct DecodeContext(string DeviceId, DateTimeOffset ReceivedAt);
