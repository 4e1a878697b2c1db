using Playbound.Benchmarks;

// Usage: dotnet run -c Release --project bench/Runtime.Bench -- <calls|remote-calls|activations|writes> [options]
// Prints one line per measurement; docs/benchmarks.md records the results.
return await BenchCommand.RunAsync(args);
