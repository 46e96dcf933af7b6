using Agora.Signaling.Cli;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary><c>agora-signaling emulator --json</c> run in-process until disposed, with the line it announced itself with.</summary>
internal sealed class CliEmulatorRun : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;

    private CliEmulatorRun(string[] args, IReadOnlyDictionary<string, string?> environment)
    {
        _run = CliApp.RunAsync(args, Stdout, Stderr, environment, _stop.Token);
    }

    public WatchedWriter Stdout { get; } = new();

    public WatchedWriter Stderr { get; } = new();

    /// <summary>Gets the JSON object it printed once ready.</summary>
    public JObject Announcement { get; private set; } = [];

    public Uri Url => new(Announcement["url"]!.Value<string>()!);

    /// <summary>Runs <paramref name="args"/> (<c>emulator</c> and its options) with <c>--port 0 --json</c>, and waits until it is ready.</summary>
    public static async Task<CliEmulatorRun> StartAsync(string[]? args = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var run = new CliEmulatorRun([.. args ?? ["emulator"], "--port", "0", "--json"], environment ?? CliHost.EmptyEnvironment);
        try
        {
            await run.Stdout.WaitForAsync("\n", WaitLimit);
            run.Announcement = JObject.Parse(run.Stdout.ToString());
            if (run.Announcement["url"] is null)
            {
                throw new InvalidOperationException($"The emulator did not start:\n{run.Stdout}\n{run.Stderr}");
            }

            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops it as Ctrl-C does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(WaitLimit);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
