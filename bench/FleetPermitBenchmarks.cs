using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Agora.Signaling.Redis;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Agora.Signaling.Benchmarks;

/// <summary>
/// The cost of one permit: from the instance's own limiter, and from the fleet's limiter on a redis-server over
/// loopback (started here, as the tests start it). The rate is set far above what is taken, so no permit waits and
/// only the cost of handing one out is timed.
/// </summary>
[System.ComponentModel.Description(
    "One permit from the instance's own limiter, and from the fleet limiter on a redis-server over loopback (UseRedisCoordination), " +
    "at a rate no run reaches, so only the cost of handing out a permit is timed. '64 at once' takes 64 permits concurrently (time per permit).")]
[MemoryDiagnoser]
public class FleetPermitBenchmarks
{
    private const int Concurrent = 64;
    private readonly SignalingRateLimitOptions _options = new() { MessagesPerSecond = 100_000 };
    private Process? _redis;
    private RateLimiter? _local;
    private SignalingRateLimiters? _fleet;
    private RedisCoordination? _coordination;

    [GlobalSetup]
    public void Setup()
    {
        int port = FreePort();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _redis = Process.Start(start)!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        var connecting = ConnectAsync($"127.0.0.1:{port}");
        _coordination = new RedisCoordination(connecting, ownsConnection: true, new RedisCoordinationOptions { KeyPrefix = "bench-" + Guid.NewGuid().ToString("N") }, NullLogger.Instance, TimeProvider.System);
        // The kind of limiter the instance's own limits use, with permits no run can spend.
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = int.MaxValue, Window = TimeSpan.FromSeconds(1), AutoReplenishment = false });
        _fleet = new SignalingRateLimiters(_options, TimeProvider.System, _coordination, "bench-app");

        // The first permit loads the script into Redis.
        using var first = _fleet.Messages!.AcquireAsync(1).AsTask().GetAwaiter().GetResult();
        if (!first.IsAcquired)
        {
            throw new InvalidOperationException("The fleet limiter gave no permit.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fleet?.Dispose();
        _local?.Dispose();
        _coordination?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis?.Kill();
        _redis?.WaitForExit();
    }

    [Benchmark(Baseline = true, Description = "own limiter")]
    public async Task<bool> Local()
    {
        using var lease = await _local!.AcquireAsync(1);
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Redis on loopback")]
    public async Task<bool> Fleet()
    {
        using var lease = await _fleet!.Messages!.AcquireAsync(1);
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Redis on loopback, 64 at once", OperationsPerInvoke = Concurrent)]
    public async Task FleetConcurrent()
    {
        var takes = new Task[Concurrent];
        for (int i = 0; i < takes.Length; i++)
        {
            takes[i] = Fleet();
        }

        await Task.WhenAll(takes);
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string configuration)
    {
        // redis-server takes a moment to listen; the connection is tried until it answers, for at most 10 seconds.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync(configuration);
            }
            catch (RedisConnectionException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
