using System.CommandLine;
using Agora.Signaling.Cli.Connection;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary>Runs a command's body with a connection and output, and turns whatever it throws into an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        CliContext context,
        ParseResult parse,
        Func<SignalingConnection, CommandOutput, CancellationToken, Task> body,
        CancellationToken cancellationToken,
        string? forcedEmulatorReason = null)
    {
        var output = new CommandOutput(context.Stdout, context.Stderr, parse.GetValue(context.Globals.Json));
        RecordingClient? client = null;
        try
        {
            var settings = ConnectionResolver.Resolve(parse, context.Globals, context.Environment, forcedEmulatorReason);
            using var connection = await SignalingConnection.OpenAsync(settings, output, cancellationToken).ConfigureAwait(false);
            client = connection.Client;
            await body(connection, output, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception exception)
        {
            return ErrorReporter.Report(exception, output, cancellationToken, client?.Answered == true ? Progress.Answered : Progress.NothingAnswered);
        }
    }

    /// <summary>Runs a command that works on this machine alone: no connection settings are read and no emulator starts.</summary>
    public static int RunOffline(CliContext context, ParseResult parse, Action<CommandOutput> body, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(context.Stdout, context.Stderr, parse.GetValue(context.Globals.Json));
        try
        {
            body(output);
            return ExitCodes.Success;
        }
        catch (Exception exception)
        {
            return ErrorReporter.Report(exception, output, cancellationToken, Progress.Offline);
        }
    }
}
