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

    /// <summary>
    /// Starts the fixed-response server, or, when <paramref name="emulator"/> is set, the stateful emulator as users run it:
    /// <c>agora-signaling emulator --port 0 --json --until-stdin-closes</c>, whose first line is JSON with its URL.
    /// </summary>
    public static ServerProcess Start(bool emulator = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] arguments = emulator
            ? [Path.Combine(AppContext.BaseDirectory, "agora-signaling.dll"), "emulator", "--port", "0", "--json", "--until-stdin-closes"]
            : [typeof(ServerProcess).Assembly.Location, "--serve"];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The loopback server process did not start.");
        string? line = process.StandardOutput.ReadLine();
        string? url = emulator && line is not null && line.StartsWith('{')
            ? System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("url").GetString()
            : line;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            process.Kill();
            throw new InvalidOperationException($"The loopback server printed '{line}' instead of its address.");
        }

        return new ServerProcess(process, endpoint);
    }

    /// <summary>Gets the process, so a caller can read its memory.</summary>
    public Process Process => _process;

    /// <summary>Serves the fixed-response server until standard input closes: the parent's exit, or its <see cref="Dispose"/>.</summary>
    public static async Task<int> ServeAsync()
    {
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
