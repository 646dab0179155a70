using System.Globalization;
using System.Net.Http.Json;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Tracking.Simulator.Transport;
using Spectre.Console;
using Tracking.Core.Validation;
using Tracking.Simulator.Cad;
using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Faults;

/// <summary>
/// Sends the <see cref="FaultCatalogue"/> to a running server (MQTT for every protocol but OsmAnd, which goes to its HTTP
/// listener), reads <c>GET /api/ingest/stats</c> before and after, waits for the counts to settle (stored and duplicate
/// counts come from the database drainer, a little later than acceptance), and reports, by reason, what the server
/// accepted and rejected against what was sent and expected. A failed send is counted and the run goes on.
/// </summary>
internal sealed class FaultsRunner(FaultsOptions options, IAnsiConsole console, TimeProvider wall)
{
    public async Task<FaultsReport> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var api = new HttpClient { BaseAddress = options.Api, Timeout = TimeSpan.FromSeconds(15) };
        if (options.ApiToken is { } token)
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var osmAnd = new HttpClient { BaseAddress = options.OsmAnd, Timeout = TimeSpan.FromSeconds(15) };
        var before = await StatsAsync(api, cancellationToken);
        var cases = FaultCatalogue.Build(options.Seed, wall.GetUtcNow(), options.DevicePrefix);
        var sent = 0;
        var failed = 0;
        foreach (var fault in cases)
        {
            var (ok, bad) = await SendAsync(fault, osmAnd, cancellationToken);
            sent += ok;
            failed += bad;
            console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0,-10}[/] {1} [grey]({2} message(s) as {3})[/]", Markup.Escape(fault.Category), Markup.Escape(fault.Name), ok, Markup.Escape(fault.DeviceId));
        }

        var expectedAccepted = cases.Sum(c => c.Expected.Accepted);
        var expectedDuplicates = cases.Sum(c => c.Expected.Duplicates);
        var expectedLimited = cases.Sum(c => c.Expected.Limited);
        var expectedRejected = RejectionReasons.All.ToDictionary(r => r, r => (long)cases.Sum(c => c.Expected.Rejected.GetValueOrDefault(r)));

        // Settled: every message counted, and the database drainer has stored or de-duplicated every accepted fix.
        var deadline = wall.GetUtcNow() + options.SettleTimeout;
        var after = before;
        var settled = false;
        while (wall.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            after = await StatsAsync(api, cancellationToken);
            var accepted = after.Accepted - before.Accepted;
            var committed = (after.Stored + after.Duplicates) - (before.Stored + before.Duplicates);
            var rejected = after.Rejected - before.Rejected;
            if (accepted >= expectedAccepted && committed >= accepted && rejected >= expectedRejected.Values.Sum() && after.Limited - before.Limited >= expectedLimited)
            {
                settled = true;
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), wall, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var report = new FaultsReport(
            cases.Count,
            sent,
            failed,
            expectedAccepted,
            after.Accepted - before.Accepted,
            expectedDuplicates,
            after.Duplicates - before.Duplicates,
            RejectionReasons.All
                .Select(r => (Reason: r, Expected: expectedRejected[r], Observed: after.RejectedByReason.GetValueOrDefault(r.Name()) - before.RejectedByReason.GetValueOrDefault(r.Name())))
                .Where(r => r.Expected > 0 || r.Observed > 0)
                .ToDictionary(r => r.Reason, r => (r.Expected, r.Observed)),
            settled,
            expectedLimited,
            after.Limited - before.Limited);
        Print(report, after, cases);
        return report;
    }

    private async Task<(int Sent, int Failed)> SendAsync(FaultCase fault, HttpClient osmAnd, CancellationToken cancellationToken)
    {
        var sent = 0;
        var failed = 0;
        if (fault.Messages.All(m => m.IsHttp))
        {
            foreach (var message in fault.Messages)
            {
                try
                {
                    // A refused request answers 400: sent all the same, the rejection is what the case is about.
                    using var response = await osmAnd.GetAsync(new Uri(message.Query!, UriKind.Relative), cancellationToken);
                    sent++;
                }
                catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    failed++;
                }
            }

            return (sent, failed);
        }

        // A device id the server must refuse is no fit client id either: connect under a neutral one.
        var clientId = Tracking.Core.Fixes.DeviceIds.IsValid(fault.DeviceId) ? fault.DeviceId : options.DevicePrefix + "client";
        using var client = new MqttClientFactory().CreateMqttClient();
        var clientOptions = new MqttClientOptionsBuilder().WithTcpServer(options.Host, options.Port).WithClientId(clientId).WithCleanSession(true).Build();
        try
        {
            await ConnectRefusedException.ConnectAsync(client, clientOptions, cancellationToken);
            var qos = fault.Behaviour == FaultBehaviour.Flood ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce;
            foreach (var message in fault.Messages)
            {
                var publish = new MqttApplicationMessageBuilder().WithTopic(message.Topic!).WithPayload(message.Payload).WithQualityOfServiceLevel(qos).Build();
                try
                {
                    var result = await client.PublishAsync(publish, cancellationToken);
                    if (result.IsSuccess)
                    {
                        sent++;
                    }
                    else
                    {
                        failed++;
                    }
                }
                catch (MqttCommunicationException)
                {
                    failed++;
                }
            }

            if (fault.Behaviour == FaultBehaviour.AbruptDisconnect)
            {
                // Disposing without DISCONNECT closes the socket under the broker: a device losing power.
                return (sent, failed);
            }

            if (fault.Behaviour == FaultBehaviour.Flood)
            {
                // QoS 0 has no acknowledgement: a ping round trip after the last publish means the broker has read them all.
                await client.PingAsync(cancellationToken);
            }

            await client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
        }
        catch (Exception exception) when (exception is MqttCommunicationException or ConnectRefusedException)
        {
            failed += fault.Messages.Count - sent;
        }

        return (sent, failed);
    }

    private static async Task<IngestStatsSnapshot> StatsAsync(HttpClient api, CancellationToken cancellationToken) =>
        await api.GetFromJsonAsync<IngestStatsSnapshot>("api/ingest/stats", CadJson.Options, cancellationToken)
        ?? throw new InvalidOperationException("GET /api/ingest/stats returned nothing");

    private void Print(FaultsReport report, IngestStatsSnapshot after, IReadOnlyList<FaultCase> cases)
    {
        var table = new Table().Title("[bold]faults: expected against what the server counted[/]")
            .AddColumn("outcome").AddColumn("expected", c => c.RightAligned()).AddColumn("server", c => c.RightAligned()).AddColumn("");
        table.AddRow("accepted", N(report.ExpectedAccepted), N(report.Accepted), Verdict(report.Accepted >= report.ExpectedAccepted));
        table.AddRow("over a device's rate", N(report.ExpectedLimited), N(report.Limited), Verdict(report.Limited >= report.ExpectedLimited));
        table.AddRow("duplicates (stored once)", N(report.ExpectedDuplicates), N(report.Duplicates), Verdict(report.Duplicates >= report.ExpectedDuplicates));
        foreach (var (reason, (expected, observed)) in report.Rejected.OrderBy(r => r.Key))
        {
            table.AddRow("rejected: " + reason.Name(), N(expected), N(observed), Verdict(observed >= expected));
        }

        console.Write(table);
        var mine = (after.RejectedByDevice ?? []).Where(d => cases.Any(c => c.DeviceId == d.DeviceId)).ToList();
        console.MarkupLine(CultureInfo.InvariantCulture,
            "{0} cases, {1} messages sent, {2} failed to send; {3} of the fault devices appear in the server's per-device rejections. {4}",
            report.Cases, report.MessagesSent, report.SendFailures, mine.Count,
            report.Settled ? "" : "[yellow]The server's counts had not settled when the wait ended.[/]");
        console.MarkupLine(report.Matches ? "[green]Every expected outcome was counted.[/]" : "[red]Some expected outcomes were not counted (see the table).[/]");

        static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
        static string Verdict(bool ok) => ok ? "[green]ok[/]" : "[red]short[/]";
    }
}
