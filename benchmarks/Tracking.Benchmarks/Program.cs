using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Tracking.Benchmarks -- --filter '*'     (BenchmarkDotNet micro-benchmarks)
// dotnet run -c Release --project benchmarks/Tracking.Benchmarks -- e2e [options]     (end-to-end ingestion harness)
// dotnet run -c Release --project benchmarks/Tracking.Benchmarks -- livemap [options] (live map: 10,000 units, 100 hub clients)
if (args.Length > 0 && args[0] == "livemap")
{
    return await Tracking.Benchmarks.LiveMap.LiveMapHarness.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "e2e")
{
    return await Tracking.Benchmarks.EndToEnd.EndToEndHarness.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Tracking.Benchmarks.Decoders.NativeDecodeBenchmarks).Assembly).Run(args);
return 0;
