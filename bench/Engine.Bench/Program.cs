using Playbound.Engine.Bench;

// Usage: dotnet bench/Engine.Bench/bin/Release/net10.0/Playbound.Engine.Bench.dll <calls|remote-calls|activations|writes> [options]
// Prints one line per measurement (--out FILE.json also writes them for bench/Report); docs/benchmarks.md records the results.
return await EngineBench.RunAsync(EngineBenchOptions.Parse(args));
