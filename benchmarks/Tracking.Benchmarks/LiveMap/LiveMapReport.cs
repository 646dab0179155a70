using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>The markdown of one run, as pasted into benchmarks/RESULTS.md.</summary>
internal static class LiveMapReport
{
    public const string Server = "server";
    public const string Postgres = "postgres";
    public const string Load = "load generator";
    public const string Clients = "hub clients";
    public const string Harness = "harness";

    public static string Write(LiveMapRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var o = run.Options;
        var cpu = run.Cpu;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"### Live map run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        Line($"`{run.Command}`");
        text.AppendLine();
        foreach (var machine in run.Machine)
        {
            Line($"- {machine}");
        }

        var fixesPerSecond = run.Load.Published / run.Load.Seconds;
        Line($"- load: {o.Units:N0} units × {o.Rate} fix/s through the embedded MQTT broker, {o.Connections} connections, QoS {o.Qos}; in the {cpu.WallSeconds:F0} s window {run.Load.Published:N0} fixes published ({fixesPerSecond:N0}/s), {run.Load.Failed} failed, {run.Load.Late:N0} published more than 1 s behind the generator's schedule{(run.Load.AckMedianMs is { } ack ? $"; publish → acknowledged (durable) median {ack:N0} ms, p99 {run.Load.AckP99Ms:N0} ms" : "")}");
        var kinds = run.Clients?.Kinds ?? [];
        Line($"- clients: {o.Clients} over WebSockets ({string.Join(", ", kinds.Select(k => $"{k.Clients} {k.Kind}"))}; {Math.Round(o.Clients * o.MessagePackShare)} MessagePack, the rest JSON), at most {o.MaxFramesPerSecond} frames/s each; connected {run.Clients?.Connected ?? 0}, disconnected during the run {run.Clients?.Disconnected ?? 0}");
        text.AppendLine();

        text.AppendLine("| CPU, % of one core | server | PostgreSQL | load generator | hub clients | harness | other (not ours) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        Line($"| measured window | **{cpu.PercentOfCore(Server):F0}** | {cpu.PercentOfCore(Postgres):F0} | {cpu.PercentOfCore(Load):F0} | {Percent(cpu, Clients)} | {cpu.PercentOfCore(Harness):F0} | {cpu.OtherSeconds / cpu.WallSeconds * 100:F0} |");
        text.AppendLine();

        if (run.Clients is { } clients)
        {
            text.AppendLine("| view | clients | frames per client per s | markers per frame (in full + moves) | JSON bytes per frame (mean / largest) | fix → client latency p50 | p99 | max |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var kind in clients.Kinds.Append(clients.All))
            {
                Line($"| {kind.Kind} | {kind.Clients} | {kind.FramesPerClientPerSecond:F2} | {PerFrame(kind, kind.Markers + kind.Moved)} ({PerFrame(kind, kind.Markers)} + {PerFrame(kind, kind.Moved)}) | {Bytes(kind.MeanJsonFrameBytes)} / {Bytes(kind.LargestJsonFrameBytes)} | {Ms(kind.MedianMs)} | {Ms(kind.P99Ms)} | {Ms(kind.MaxMs)} |");
            }

            text.AppendLine();
            Line($"- latency samples: {clients.All.Samples:N0} markers (one per marker or move entry per frame: a unit's fixes between two frames reach the client as its latest, so each sample is the age of the newest fix on arrival)");
            if (clients.MessagePackToJson is { } ratio)
            {
                Line($"- MessagePack is {ratio:P0} of the JSON size for the same frame (a sampled force frame)");
            }
        }

        var frames = Delta(run.LiveMapBefore, run.LiveMapAfter, "framesSent");
        var bytes = Delta(run.LiveMapBefore, run.LiveMapAfter, "bytesSent");
        Line($"- server live map: {frames:N0} frames, {bytes / cpu.WallSeconds / 1e6:F1} MB/s of payload ({(frames == 0 ? 0 : bytes / frames / 1024.0):N1} KiB per frame on average, both protocols), frames deferred (client still receiving) {Delta(run.LiveMapBefore, run.LiveMapAfter, "framesDeferred"):N0}, updates dropped by coalescing for slow clients {Delta(run.LiveMapBefore, run.LiveMapAfter, "updatesDropped"):N0}, send failures {Delta(run.LiveMapBefore, run.LiveMapAfter, "sendFailures"):N0}, control-room events lost {Delta(run.LiveMapBefore, run.LiveMapAfter, "controlRoomEventsDropped"):N0}; views {run.LiveMapAfter.GetProperty("views").GetInt32()}, markers {run.LiveMapAfter.GetProperty("markers").GetInt32():N0}");
        var ticks = Delta(run.LiveMapBefore, run.LiveMapAfter, "ticks");
        var tickMs = run.LiveMapAfter.GetProperty("tickMilliseconds").GetDouble() - run.LiveMapBefore.GetProperty("tickMilliseconds").GetDouble();
        double PerTick(string name) => ticks == 0 ? 0 : (run.LiveMapAfter.GetProperty(name).GetDouble() - run.LiveMapBefore.GetProperty(name).GetDouble()) / ticks;
        Line($"- broadcaster: {ticks:N0} steps ({ticks / cpu.WallSeconds:N1}/s: ten an interval, and one when a view is due), {(ticks == 0 ? 0 : tickMs / ticks):N1} ms each on average, of which {PerTick("changesMilliseconds"):N1} ms taking what changed and giving it to the views and {PerTick("fanOutMilliseconds"):N1} ms making the due views' frames and handing them over (the longest step since start {run.LiveMapAfter.GetProperty("longestTickMilliseconds").GetDouble():N0} ms)");
        Line($"- ingestion: {run.IngestAfter.Stored - run.IngestBefore.Stored:N0} fixes stored in the window, receipt → stored in PostgreSQL median {Ms(run.IngestAfter.CommitLatencyMedianMs)} / p99 {Ms(run.IngestAfter.CommitLatencyP99Ms)} (since the server started; the live map gets a fix earlier, once it is durable in the journal); positions the control room dropped (queue full) {Delta(run.CommandBefore, run.CommandAfter, "droppedFixes"):N0}");
        if (run.ServerErrors.Count > 0)
        {
            Line($"- the server logged {run.ServerErrors.Count} error(s), first: {run.ServerErrors[0]}");
        }

        return text.ToString();
    }

    private static string Percent(EndToEnd.CpuUsage cpu, string component)
    {
        var value = cpu.PercentOfCore(component);
        return double.IsNaN(value) ? "—" : value.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static string PerFrame(ViewKindReport kind, long count) =>
        (kind.Frames == 0 ? 0 : count / (double)kind.Frames).ToString("N0", CultureInfo.InvariantCulture);

    private static long Delta(JsonElement before, JsonElement after, string name) =>
        after.GetProperty(name).GetInt64() - before.GetProperty(name).GetInt64();

    private static string Ms(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:N0} ms") : "—";

    private static string Bytes(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v / 1024:N1} KiB") : "—";

    private static string Bytes(long? value) => Bytes((double?)value);
}
