using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Demo;

/// <summary>What a demo run did: messages sent and failed by protocol, incidents, how units were sent, and what the server offered.</summary>
public sealed record DemoSummary(
    IReadOnlyDictionary<DeviceProtocol, long> Sent,
    IReadOnlyDictionary<DeviceProtocol, long> Failed,
    long Statuses,
    long StatusesFailed,
    long Dropped,
    int Connections,
    int IncidentsRaised,
    int IncidentsClosed,
    int SentByServer,
    int SentBySimulator,
    int SelfDeployed,
    int Arrivals,
    int Emergencies,
    long DispatchesReceived,
    int DispatchesNotReceived,
    bool CommandAndControl);
