using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Vfip.Benchmarks;

// `dotnet run -c Release --project tests/bench/Vfip.Benchmarks -- --filter '*'` runs BenchmarkDotNet;
// `-- percentiles [size ...] [--queries N]` prints identify-latency percentiles;
// `-- compare SIZE --layouts 13,16` times substring counts round-robin on the same data;
// `-- profile` breaks one fingerprint down into its stages.
if (args.Length > 0 && args[0] == "percentiles")
{
    Percentiles.Run(args[1..]);
}
else if (args.Length > 0 && args[0] == "compare")
{
    LayoutCompare.Run(args[1..]);
}
else if (args.Length > 0 && args[0] == "profile")
{
    FingerprintProfile.Run(args[1..]);
}
else
{
    // Artifacts (logs, reports) go to the temp folder so runs never dirty the repository.
    var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Path.GetTempPath(), "Vfip.Benchmarks.Artifacts"));
    BenchmarkSwitcher.FromAssembly(typeof(HashIndexBenchmarks).Assembly).Run(args, config);
}
