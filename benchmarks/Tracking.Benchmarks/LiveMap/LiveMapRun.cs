using System.Text.Json;
using Tracking.Benchmarks.EndToEnd;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>Everything one run measured, for the report.</summary>
internal sealed record LiveMapRun(
    LiveMapBenchOptions Options,
    IReadOnlyList<string> Machine,
    string Command,
    CpuUsage Cpu,
    FleetLoadReport Load,
    HubClientsReport? Clients,
    JsonElement LiveMapBefore,
    JsonElement LiveMapAfter,
    JsonElement CommandBefore,
    JsonElement CommandAfter,
    IngestStatsSnapshot IngestBefore,
    IngestStatsSnapshot IngestAfter,
    IReadOnlyList<string> ServerErrors);
