using System.Collections;
using System.Runtime.InteropServices;

namespace Agora.Signaling.Cli;

/// <summary>The process entry point: binds <see cref="CliApp"/> to the real console and environment.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl-C asks the command to stop (events --follow ends cleanly); a second one kills the process.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };

        // A service manager stopping the tool should end events --follow as cleanly as Ctrl-C does.
        using var termination = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error, environment, cancellation.Token).ConfigureAwait(false);
    }
}
