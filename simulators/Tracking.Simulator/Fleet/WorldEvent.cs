namespace Tracking.Simulator.Fleet;

/// <summary>Something that happened in the simulated world at <see cref="At"/>: what the runners send, store or print.</summary>
internal abstract record WorldEvent(DateTimeOffset At);
