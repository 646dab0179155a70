using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Faults;

/// <summary>One kind of bad (or awkward) input: its name, category, the device it is sent as, the messages, and the expected outcome.</summary>
public sealed record FaultCase(string Name, string Category, string DeviceId, IReadOnlyList<DeviceMessage> Messages, FaultExpectation Expected, FaultBehaviour Behaviour = FaultBehaviour.Normal);
