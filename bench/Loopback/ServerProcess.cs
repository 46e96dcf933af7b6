using System.Diagnostics;

namespace Agora.Signaling.Benchmarks.Loopback;

/// <summary>
/// Runs <see cref="FixedResponseServer"/> in a process of its own. BenchmarkDotNet counts every byte the process
/// allocates, so a server in the same process would add its own allocations to both sides of each comparison.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    /// <summary>The environment variable through which benchmark processes find the server.</summary>
    public const string EndpointVariable = "AGORA_SIGNALING_BENCH_ENDPOINT";

    private readonly Process _process;

    private ServerProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Gets the endpoint a parent process started, or <see langword="null"/> when there is none.</summary>
    public static Uri? Inherited =>
        Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } value ? new Uri(value) : null;

    /// <summary>Starts the fixed-response server, or the stateful emulator from <c>testing/</c> when <paramref name="emulator"/> is set.</summary>
    public static ServerProcess Start(bool emulator = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        start.ArgumentList.Add("--serve");
        if (emulator)
        {
            start.ArgumentList.Add("emulator");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The loopback server process did not start.");
        string? line = process.StandardOutput.ReadLine();
        if (line is null || !Uri.TryCreate(line, UriKind.Absolute, out var endpoint))
        {
            process.Kill();
            throw new InvalidOperationException($"The loopback server printed '{line}' instead of its address.");
        }

        return new ServerProcess(process, endpoint);
    }

    /// <summary>Gets the process, so a caller can read its memory.</summary>
    public Process Process => _process;

    /// <summary>Serves until standard input closes: the parent's exit, or its <see cref="Dispose"/>.</summary>
    public static async Task<int> ServeAsync(bool emulator)
    {
        if (emulator)
        {
            using var signaling = Agora.Signaling.Testing.SignalingEmulator.Start();
            return await AnnounceAndWaitAsync(signaling.Endpoint).ConfigureAwait(false);
        }

        await using var server = await FixedResponseServer.StartAsync().ConfigureAwait(false);
        return await AnnounceAndWaitAsync(server.Endpoint).ConfigureAwait(false);
    }

    private static async Task<int> AnnounceAndWaitAsync(Uri endpoint)
    {
        Console.Out.WriteLine(endpoint.AbsoluteUri);
        Console.Out.Flush();
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
