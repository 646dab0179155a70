using System.Globalization;
using System.Text;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The markdown report of a run: throughput and latency per scenario with the ratio to the Mosquitto baseline of the
/// same QoS (and to bare COPY for the database side), CPU per component, the zero-loss verdicts and the issue's goals.
/// </summary>
internal static class ResultsReport
{
    /// <summary>Issue 2: QoS 0 through the server reaches at least this many fixes/s.</summary>
    public const double Qos0Goal = 50_000;

    public static string Write(E2eOptions options, IReadOnlyList<string> machine, IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        var byName = results.ToDictionary(r => r.Name);

        Line($"## End-to-end run: {options.Devices} device connections × {options.FixesPerDevice:N0} fixes = {options.TotalFixes:N0} fixes per scenario");
        Line();
        foreach (var line in machine)
        {
            Line($"- {line}");
        }

        if (options.ServerEnvironment.Count > 0)
        {
            Line($"- server environment (experiment): {string.Join(", ", options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
        }

        Line();
        Line("| scenario | delivered | window s | fixes/s | vs baseline | 2-core capacity (est.) | load gen publish/s | publish→ack median / p99 ms | receipt→commit median / p99 ms | zero loss |");
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var baseline = Baseline(r, byName);
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Description} | {r.Delivered:N0} | {r.WindowSeconds:F2} | **{r.Rate:N0}** | {(baseline is null ? "" : $"{r.Rate / baseline.Rate:F2}× {Short(baseline)}")} | {Number(Capacity(r))} | {Number(r.PublishRate)} | {Pair(r.AckMedianMs, r.AckP99Ms)} | {Pair(r.CommitMedianMs, r.CommitP99Ms)} | {(r.ZeroLoss ? "yes" : "**NO**")} |"));
        }

        Line();
        Line("CPU-seconds per 10,000 fixes (in the throughput window; `other` = the rest of the machine, not ours):");
        Line();
        CpuTable(results, (r, c) => c is null ? r.Cpu.OtherSeconds / r.Delivered * 10_000 : r.Cpu.Per10K(c, r.Delivered), "F3", Line);
        Line();
        Line("CPU as % of one core over the window (this machine has 2 cores = 200%):");
        Line();
        CpuTable(results, (r, c) => c is null ? r.Cpu.OtherSeconds / r.Cpu.WallSeconds * 100 : r.Cpu.PercentOfCore(c), "F0", Line);
        Line();
        Line("Zero-loss verdicts:");
        Line();
        foreach (var r in results)
        {
            Line($"- {r.Name}: {(r.ZeroLoss ? "PASS" : "FAIL")}: {r.LossDetail}");
            foreach (var note in r.Notes)
            {
                Line($"  - {note}");
            }
        }

        Line();
        Line("Goals (issue 2):");
        Line();
        if (byName.TryGetValue("server-qos1", out var q1) && byName.TryGetValue("mosquitto-qos1", out var m1))
        {
            Line(string.Create(CultureInfo.InvariantCulture,
                $"- QoS 1, ack after durable ≥ Mosquitto relaying QoS 1: {q1.Rate:N0} vs {m1.Rate:N0} fixes/s ({q1.Rate / m1.Rate:F2}×): {Met(q1.ZeroLoss && q1.Rate >= m1.Rate)}"));
            Line(string.Create(CultureInfo.InvariantCulture,
                $"  - CPU-normalised (2-core capacity, est.): {Capacity(q1) ?? double.NaN:N0} vs {Capacity(m1) ?? double.NaN:N0} fixes/s ({(Capacity(q1) ?? double.NaN) / (Capacity(m1) ?? double.NaN):F2}×){Noise(q1, m1)}"));
        }

        if (byName.TryGetValue("server-qos0", out var q0))
        {
            var relay = byName.TryGetValue("mosquitto-qos0", out var m0) && double.IsFinite(m0.Rate)
                ? string.Create(CultureInfo.InvariantCulture, $"; Mosquitto relays QoS 0 at {m0.Rate:N0}/s here")
                : "";
            Line(string.Create(CultureInfo.InvariantCulture,
                $"- QoS 0 ≥ {Qos0Goal:N0} fixes/s: {q0.Rate:N0} fixes/s{relay}: {Met(q0.ZeroLoss && q0.Rate >= Qos0Goal)}"));
            Line(string.Create(CultureInfo.InvariantCulture,
                $"  - CPU-normalised (2-core capacity, est.): {Capacity(q0) ?? double.NaN:N0} fixes/s{Noise(q0, q0)}"));
        }

        var ours = results.Where(IsOurs).ToList();
        Line($"- zero loss in every run of the Tracking server: {Met(ours.Count > 0 && ours.All(r => r.ZeroLoss))}");
        foreach (var r in ours.Where(r => !r.ZeroLoss && r.LostBeforeServer > 0 && r.LostBeforeServer == r.Expected - r.Delivered))
        {
            Line(string.Create(CultureInfo.InvariantCulture,
                $"  - {r.Name}: all {r.LostBeforeServer:N0} missing fixes never reached the server; it stored every fix it received"));
        }
        foreach (var lossy in results.Where(r => !IsOurs(r) && !r.ZeroLoss))
        {
            Line($"- (baseline or reference with loss, not a goal of ours: {lossy.Name}: {lossy.LossDetail})");
        }
        return text.ToString();
    }

    /// <summary>
    /// fixes/s the scenario's own processes would reach with both cores to themselves: 2 CPU-seconds per second ÷ the
    /// CPU-seconds they spent per fix. Derived, and only meaningful when the run is CPU-bound (then it takes out the
    /// other work on this shared machine, the <c>other</c> column).
    /// </summary>
    private static double? Capacity(ScenarioResult r)
    {
        var perFix = r.Cpu.Seconds.Values.Sum() / r.Delivered;
        return perFix > 0 && r.Delivered > 0 ? Environment.ProcessorCount / perFix : null;
    }

    private static ScenarioResult? Baseline(ScenarioResult r, Dictionary<string, ScenarioResult> byName)
    {
        var name = r.Name switch
        {
            "server-qos1" => "mosquitto-qos1",
            "server-qos0" => "mosquitto-qos0",
            "copy-pk" or "copy-indexed" or "copy-fixwriter" => "copy-plain",
            "mqttnet-floor-qos1" => "mosquitto-qos1",
            "mqttnet-floor-qos0" => "mosquitto-qos0",
            _ => null,
        };
        return name is not null && byName.TryGetValue(name, out var baseline) && baseline.Rate > 0 ? baseline : null;
    }

    private static string Short(ScenarioResult baseline) => baseline.Name.StartsWith("copy", StringComparison.Ordinal) ? "bare COPY" : baseline.Name.Replace("mosquitto-qos", "Mosquitto QoS ", StringComparison.Ordinal);

    private static void CpuTable(IReadOnlyList<ScenarioResult> results, Func<ScenarioResult, string?, double> value, string format, Action<string> line)
    {
        line("| scenario | " + string.Join(" | ", Components.All) + " | other |");
        line("|---|" + string.Concat(Enumerable.Repeat("---:|", Components.All.Count + 1)));
        foreach (var r in results)
        {
            var cells = Components.All.Select(c => r.Cpu.Seconds.ContainsKey(c) ? value(r, c).ToString(format, CultureInfo.InvariantCulture) : "–");
            var other = r.Cpu.WallSeconds > 0 ? value(r, null).ToString(format, CultureInfo.InvariantCulture) : "–";
            line($"| {r.Name} | {string.Join(" | ", cells)} | {other} |");
        }
    }

    /// <summary>A warning when other work on the machine took a noticeable share of the CPU during the compared runs.</summary>
    private static string Noise(ScenarioResult a, ScenarioResult b)
    {
        var worst = Math.Max(OtherPercent(a), OtherPercent(b));
        return worst > 25
            ? string.Create(CultureInfo.InvariantCulture, $"; other processes took up to {worst:F0}% of a core during these runs, so the measured rates carry that noise")
            : "";
    }

    private static double OtherPercent(ScenarioResult r) => r.Cpu.WallSeconds > 0 ? r.Cpu.OtherSeconds / r.Cpu.WallSeconds * 100 : 0;

    public static bool IsOurs(ScenarioResult result) => result.Name.StartsWith("server-", StringComparison.Ordinal);

    private static string Number(double? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "";

    private static string Pair(double? median, double? p99) =>
        median is { } m && p99 is { } p ? string.Create(CultureInfo.InvariantCulture, $"{m:F1} / {p:F1}") : "";

    private static string Met(bool met) => met ? "**met**" : "**NOT met**";
}
