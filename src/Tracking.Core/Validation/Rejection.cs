namespace Tracking.Core.Validation;

/// <summary>A refused message or fix: the reason, and a short detail naming the field or value for the operator.</summary>
public readonly record struct Rejection(RejectionReason Reason, string Detail);
