using System.CommandLine;
using System.CommandLine.Invocation;
using Agora.Signaling.Cli.Commands;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli;

/// <summary>The <c>agora-signaling</c> tool, runnable in-process: everything it reads and writes is passed in.</summary>
public static class CliApp
{
    /// <summary>Runs the tool once.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Receives results: readable lines, or JSON with <c>--json</c>.</param>
    /// <param name="stderr">Receives notes and error messages.</param>
    /// <param name="environment">The environment variables to read settings from (see <see cref="EnvironmentVariables"/>).</param>
    /// <param name="cancellationToken">Cancelled on Ctrl-C; ends <c>events --follow</c> normally and other commands with <see cref="ExitCodes.Cancelled"/>.</param>
    /// <returns>The exit code; see <see cref="ExitCodes"/>.</returns>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken = default) =>
        RunAsync(args, TextReader.Null, stdout, stderr, environment, cancellationToken);

    /// <summary>Runs the tool once, with a standard input (read only by <c>emulator --until-stdin-closes</c>, which stops when it ends).</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdin">The standard input.</param>
    /// <param name="stdout">Receives results: readable lines, or JSON with <c>--json</c>.</param>
    /// <param name="stderr">Receives notes and error messages.</param>
    /// <param name="environment">The environment variables to read settings from (see <see cref="EnvironmentVariables"/>).</param>
    /// <param name="cancellationToken">Cancelled on Ctrl-C; ends <c>events --follow</c> and <c>emulator</c> normally and other commands with <see cref="ExitCodes.Cancelled"/>.</param>
    /// <returns>The exit code; see <see cref="ExitCodes"/>.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);

        var secrets = new SecretRedactor();
        var globals = new GlobalOptions();

        // Known before anything is written, including the parser's own error messages.
        foreach (var option in globals.Secrets)
        {
            secrets.AddOptionValues(args, option.Name);
        }

        foreach (string variable in EnvironmentVariables.Secrets)
        {
            secrets.Add(environment.GetValueOrDefault(variable));
        }

        // A token pasted where the parser does not expect one (as a command, after a mistyped option) is echoed in its
        // error; whatever reads as a token is a credential, wherever it stands.
        foreach (string arg in args)
        {
            string value = arg.StartsWith('-') && arg.IndexOfAny(['=', ':']) is int at and > 0 ? arg[(at + 1)..] : arg;
            if (SignalingToken.TryParse(value, out _))
            {
                secrets.Add(value);
            }
        }

        using var redactedStdout = new RedactingTextWriter(stdout, secrets);
        using var redactedStderr = new RedactingTextWriter(stderr, secrets);
        // The emulator prints the test credentials it accepts, even those given with the (masked) secret options.
        var context = new CliContext(globals, environment, redactedStdout, redactedStderr) { Stdin = stdin, UnmaskedStdout = stdout };

        // No response files: an argument starting with '@' is a value (a payload "@bob hi", a pasted token), never a file
        // to read in, and an unknown file name would be echoed back unmasked.
        var parse = CreateRootCommand(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        foreach (var option in globals.Secrets)
        {
            secrets.Add(parse.GetValue(option));
        }

        secrets.AddUnmatched(parse.UnmatchedTokens);
        foreach (var argument in context.SecretArguments)
        {
            if (parse.GetResult(argument) is { } result)
            {
                foreach (var token in result.Tokens)
                {
                    secrets.Add(token.Value);
                }
            }
        }

        var invocation = new InvocationConfiguration
        {
            Output = redactedStdout,
            Error = redactedStderr,

            // Ctrl-C arrives through cancellationToken; Program wires it, tests cancel it directly.
            ProcessTerminationTimeout = null,
        };

        if (parse.Action is ParseErrorAction parseError)
        {
            // Help goes to stdout, where it would corrupt --json output and hide the error in a wall of text.
            // Typo suggestions go to stderr too: stdout carries only results.
            parseError.ShowHelp = false;
            using var errors = new StringWriter();
            await parse.InvokeAsync(new InvocationConfiguration { Output = errors, Error = errors, ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
            redactedStderr.Write(ParseErrorText.Plain(errors.ToString()));
            redactedStderr.WriteLine($"Run '{HelpCommandLine(parse)} --help' for usage.");
            if (parse.GetValue(globals.Json))
            {
                var output = new CommandOutput(redactedStdout, TextWriter.Null, json: true);
                output.Json(new ErrorOutput(ErrorReporter.Details("usage", ParseErrorText.Plain(string.Join(" ", parse.Errors.Select(e => e.Message))))));
            }

            return ExitCodes.BadArguments;
        }

        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static string HelpCommandLine(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Parent is null ? "agora-signaling" : result.Command.Name);
        }

        return string.Join(' ', names);
    }

    internal static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "Command-line tool for the Agora Signaling (formerly RTM) REST API: send peer and channel messages, publish (2.x), pull user and channel events, read message history.\n" +
            "With no --base-url, app ID, credential or certificate (options or environment variables), every command that sends runs against an embedded emulator on a loopback port, " +
            "which lives for that one command; 'agora-signaling emulator' serves one until Ctrl-C, and --emulator URL points any command at it.\n" +
            "Credentials, one kind at a time: --customer-id with --customer-secret, --token (AccessToken2), --legacy-token with --uid, or --app-certificate with --app-id.\n" +
            $"Exit codes: {ExitCodes.Success} success, {ExitCodes.BadArguments} bad arguments or input rejected before sending, " +
            $"{ExitCodes.ServiceError} the service answered with an error, {ExitCodes.Unreachable} the service could not be reached, " +
            $"{ExitCodes.TokenInvalid} 'token inspect' found a signature that does not verify, {ExitCodes.Cancelled} interrupted.")
        {
            SendPeerCommand.Create(context),
            SendChannelCommand.Create(context),
            PublishCommand.Create(context),
            EventsCommand.Create(context),
            HistoryCommand.Create(context),
            TokenCommand.Create(context),
            DemoCommand.Create(context),
            EmulatorCommand.Create(context),
        };

        foreach (var option in context.Globals.All)
        {
            root.Add(option);
        }

        foreach (var command in root.Subcommands)
        {
            AddShared(command, [.. context.Globals.For(command.Name)], [.. context.Globals.All]);
        }

        return root;
    }

    // On the commands that run (a group's subcommands), so each --help shows the shared options that command reads.
    private static void AddShared(Command command, Option[] options, Option[] all)
    {
        if (command.Subcommands.Count > 0)
        {
            foreach (var subcommand in command.Subcommands)
            {
                AddShared(subcommand, options, all);
            }

            return;
        }

        foreach (var option in options)
        {
            command.Add(option);
        }

        // The others are still accepted and ignored, as before, so a script that passes its connection settings to
        // every command keeps working; they are hidden from this command's --help.
        foreach (var option in all.Except(options))
        {
            command.Add(option.Arity.MaximumNumberOfValues > 1
                ? new Option<string[]>(option.Name) { Arity = option.Arity, Hidden = true }
                : new Option<string?>(option.Name) { Arity = option.Arity, Hidden = true });
        }
    }
}
