using Agora.Signaling.Benchmarks.Loopback;
using Agora.Signaling.Benchmarks.Running;
using Agora.Signaling.Benchmarks.Soak;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// dotnet run -c Release --project bench                 the full suite (BenchmarkDotNet's default job)
// dotnet run -c Release --project bench -- --quick      the same suite in under two minutes, in process
// dotnet run -c Release --project bench -- --soak 100000  100,000 calls, memory and connections sampled as they go
// dotnet run -c Release --project bench -- --compare hand-peer sdk-peer  two calls timed in alternating blocks (see InterleavedComparison)
// dotnet run -c Release --project bench -- --scaling            reads of 1 to 1,000 items, SDK against both hand-written calls (results/Scaling.md)
// dotnet run -c Release --project bench -- --interleaved        only the interleaved comparison of the suite (results/InterleavedComparison.md)
// Any other arguments go to BenchmarkDotNet (for example --filter '*Token*').
if (args is ["--serve", ..])
{
    return await ServerProcess.ServeAsync();
}

if (args is ["--allocations", ..])
{
    return await Agora.Signaling.Benchmarks.Profiling.AllocationProfile.RunAsync(args[1..]);
}

if (args is ["--compare", ..])
{
    return await Agora.Signaling.Benchmarks.Profiling.InterleavedComparison.RunCommandAsync(args[1..]);
}

if (args is ["--interleaved", ..])
{
    // The interleaved comparison alone, as the suite runs it; "quick" for fewer blocks.
    using var comparisonServer = ServerProcess.Start();
    await Agora.Signaling.Benchmarks.Profiling.InterleavedComparison.WriteSuiteAsync(comparisonServer.Endpoint, args is [_, "quick"] ? "quick" : "full");
    return 0;
}

if (args is ["--scaling", ..])
{
    return await Agora.Signaling.Benchmarks.Profiling.ScalingComparison.RunAsync(args[1..]);
}

if (args is ["--loop", ..])
{
    return await Agora.Signaling.Benchmarks.Profiling.AllocationProfile.LoopAsync(args[1..]);
}

if (args is ["--soak", ..])
{
    return await MemorySoak.RunAsync(args[1..]);
}

bool quick = args.Contains("--quick");
string[] rest = [.. args.Where(a => a != "--quick")];
if (!rest.Contains("--filter"))
{
    rest = [.. rest, "--filter", "*"];
}

var job = quick
    ? Job.Default.WithId("Quick").WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(250))
    : Job.Default.WithId("Full");
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddColumn(new ThroughputColumn())
    .WithArtifactsPath(Path.Combine(ResultsWriter.RepositoryRoot(), "bench", "BenchmarkDotNet.Artifacts"))
    .WithOptions(ConfigOptions.DisableLogFile);

// The server runs in a process of its own, found by the benchmark processes through the environment.
using var server = ServerProcess.Start();
Environment.SetEnvironmentVariable(ServerProcess.EndpointVariable, server.Endpoint.AbsoluteUri);

// The per-call ratios with both clients timed in turn (see InterleavedComparison), skipped when a filter picks benchmarks.
// It runs first, while this process is fresh: in quick mode the benchmarks run in this process, and the 64-sender
// benchmark leaves a thread pool of dozens of threads behind, which slows every async hop of a sequential call.
if (!args.Contains("--filter"))
{
    await Agora.Signaling.Benchmarks.Profiling.InterleavedComparison.WriteSuiteAsync(server.Endpoint, quick ? "quick" : "full");
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config).ToList();
foreach (var summary in summaries)
{
    ResultsWriter.Write(summary, quick ? "quick" : "full");
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
