using System.CommandLine;
using Tracking.Simulator.Backfill;
using Tracking.Simulator.Demo;
using Tracking.Simulator.Faults;
using Tracking.Simulator.Load;

var root = new RootCommand("Tracking device and control-room simulator: a police force on the map (demo), a load generator (load), history straight into PostGIS (backfill) and fault injection (faults).")
{
    DemoCommand.Create(),
    LoadCommand.Create(),
    BackfillCommand.Create(),
    FaultsCommand.Create(),
};

// Ctrl-C and SIGTERM cancel the mode's token; give it time to close its connections and print its summary.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(8) });
