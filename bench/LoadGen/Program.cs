using Playbound.LoadGen;

// Usage: dotnet run -c Release --project bench/LoadGen -- <seed|drive|fanout|realtime|cluster-fanout> [options]; see docs/benchmarks.md.
return args.FirstOrDefault() switch
{
    "seed" => await SeedCommand.RunAsync(LoadGenOptions.Parse(args)),
    "drive" => await DriveCommand.RunAsync(LoadGenOptions.Parse(args)),
    "fanout" => await FanoutCommand.RunAsync(LoadGenOptions.Parse(args)),
    "realtime" => await RealtimeCommand.RunAsync(LoadGenOptions.Parse(args)),
    "cluster-fanout" => await ClusterFanoutCommand.RunAsync(LoadGenOptions.Parse(args)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage (every command but seed takes --out FILE.json and --scenario NAME for its results):
          seed   --data DIR [--postgres CONNSTR] [--users 10000] [--posts 100000] [--random 42] [--celebrity-threshold 10000]
                 [--graph classic] [--popular 5] [--popular-followers 5000]
                 [--graph power-law] [--median-follows 150] [--top-followers 9000] [--activity-exponent 0.8]
          drive  --url URL[,URL...] [--path /api/v1/feed] [--post-percent 0] [--users-file DIR/users.txt] [--logins 200] [--concurrency 32] [--seconds 20] [--rate 0] [--baseline]
          fanout --data DIR [--followers 5000] [--posts 20]
          cluster-fanout [--postgres CONNSTR] [--authors 20] [--followers 1000] [--posts 2000] [--concurrency 64] [--reuse RUN]
          realtime --url URL [--followers 1000] [--connections-per-user 1] [--posts 50] [--warmup 5] [--interval-ms 100] [--server-pid PID]
        """);
    return 2;
}
