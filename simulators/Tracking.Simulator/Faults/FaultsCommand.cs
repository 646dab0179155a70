using System.Globalization;
using System.CommandLine;
using Spectre.Console;
using Tracking.Simulator.Cli;

namespace Tracking.Simulator.Faults;

/// <summary>The <c>faults</c> mode on the command line.</summary>
internal static class FaultsCommand
{
    public static Command Create()
    {
        var host = CommonOptions.Host();
        var port = CommonOptions.Port();
        var api = CommonOptions.Api();
        var token = CommonOptions.Token();
        var osmAnd = CommonOptions.OsmAnd();
        var seed = CommonOptions.Seed();
        var prefix = new Option<string>("--device-prefix") { Description = "Prefix of the fault devices' ids", DefaultValueFactory = _ => "fault-" };
        var command = new Command("faults", "Sends malformed, oversize, out-of-range, mis-timed, duplicate, out-of-order and flooding input of every protocol, then compares the server's ingest statistics with what was expected.")
        {
            host, port, api, token, osmAnd, seed, prefix,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new FaultsOptions(parse.GetValue(host)!, parse.GetValue(port),
                CommonOptions.Url(parse.GetValue(api)) ?? throw new ArgumentException("--api is required: the server's ingest statistics are read from it"),
                CommonOptions.Url(parse.GetValue(osmAnd)) ?? throw new ArgumentException("--osmand is required for the OsmAnd cases"),
                parse.GetValue(seed), parse.GetValue(prefix)!)
            {
                ApiToken = parse.GetValue(token),
            };
            try
            {
                var report = await new FaultsRunner(options, AnsiConsole.Console, TimeProvider.System).RunAsync(cancellationToken);
                return report.Matches ? 0 : 1;
            }
            catch (HttpRequestException exception)
            {
                AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[red]error:[/] cannot read {0}api/ingest/stats ({1}): is the server running?", Markup.Escape(options.Api.ToString()), Markup.Escape(exception.Message));
                return 2;
            }
        });
        return command;
    }
}
