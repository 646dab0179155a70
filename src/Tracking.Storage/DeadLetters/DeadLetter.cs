namespace Tracking.Storage.DeadLetters;

/// <summary>A refused message, with its raw bytes, for the <c>rejected_messages</c> table.</summary>
public sealed record DeadLetter(DateTimeOffset ReceivedAt, string Topic, string? DeviceId, string Reason, string Detail, byte[] Payload);
