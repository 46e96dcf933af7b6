using System.CommandLine;
using System.Globalization;
using Agora.Signaling.Cli.Connection;
using Agora.Signaling.Cli.Output;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>emulator</c>: the test kit's emulator served on a loopback port until Ctrl-C, for clients in any language.</summary>
internal static class EmulatorCommand
{
    /// <summary>The port used when neither <c>--port</c> nor <see cref="EnvironmentVariables.EmulatorPort"/> gives one; README's walkthrough uses it.</summary>
    public const int DefaultPort = 4780;

    public static Command Create(CliContext context)
    {
        var defaults = new SignalingEmulatorOptions();
        var port = new Option<int?>("--port")
        {
            Description = $"The loopback port to listen on; 0 picks a free one. Default: {DefaultPort}. [env: {EnvironmentVariables.EmulatorPort}]",
            HelpName = "port",
        };
        var untilStdinCloses = new Option<bool>("--until-stdin-closes")
        {
            Description = "Also stop when standard input ends, so a parent process that dies takes the emulator with it.",
        };
        var enforceQuotas = new Option<bool>("--enforce-quotas")
        {
            Description = "Answer 429 with Retry-After when the app exceeds one of Agora's quotas across all its clients, counted per second: " +
                "500 messages, 10 event pulls, 60 history requests, 60 publishes to any one channel.",
        };
        var messagesQuota = new Option<int?>("--messages-quota")
        {
            Description = "With --enforce-quotas: the messages a second the app may send, for a test scaled to a slower machine. Default: 500.",
            HelpName = "count",
        };

        var command = new Command(
            "emulator",
            "Serve the whole Signaling API (messaging, events, both history APIs) on 127.0.0.1 until Ctrl-C, for clients in any language. " +
            "Prints its URL and the credentials it accepts (one JSON line with --json); its state lives as long as the process. " +
            $"It accepts --app-id (default {defaults.AppId}), --customer-id ({defaults.CustomerId}), --customer-secret ({defaults.CustomerSecret}) " +
            $"and --app-certificate ({defaults.AppCertificate}), or {EnvironmentVariables.EmulatorAppId}, {EnvironmentVariables.EmulatorCustomerId}, " +
            $"{EnvironmentVariables.EmulatorCustomerSecret} and {EnvironmentVariables.EmulatorAppCertificate}. " +
            $"Seed and inspect it over HTTP under /{SignalingEmulator.ControlPrefix}/ (openapi/emulator-control.yaml); point other commands at it with --emulator URL.")
        {
            port,
            untilStdinCloses,
            enforceQuotas,
            messagesQuota,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = new CommandOutput(context.Stdout, context.Stderr, parse.GetValue(context.Globals.Json));
            try
            {
                var options = ReadOptions(parse, context, port);
                var quotas = ReadQuotas(parse.GetValue(enforceQuotas), parse.GetValue(messagesQuota));
                using var emulator = Start(options);
                if (quotas is not null)
                {
                    emulator.EnforceQuotas(quotas);
                }

                Announce(emulator, context.UnmaskedStdout ?? context.Stdout, output.IsJson);
                output.Note(parse.GetValue(untilStdinCloses) ? "Press Ctrl-C or close standard input to stop." : "Press Ctrl-C to stop.");

                await WaitAsync(parse.GetValue(untilStdinCloses) ? context.Stdin : null, ct).ConfigureAwait(false);
                output.Note(parse.GetValue(enforceQuotas)
                    ? $"Stopped after {HumanFormat.Count(emulator.RequestCount, "API request")}, {HumanFormat.Count(emulator.QuotaRefusals, "refusal")} over quota."
                    : $"Stopped after {HumanFormat.Count(emulator.RequestCount, "API request")}.");
                return ExitCodes.Success;
            }
            catch (Exception exception)
            {
                return ErrorReporter.Report(exception, output, ct, Progress.Offline);
            }
        });
        return command;
    }

    private static SignalingEmulatorOptions ReadOptions(ParseResult parse, CliContext context, Option<int?> port)
    {
        var globals = context.Globals;
        var options = new SignalingEmulatorOptions { Port = ReadPort(parse, port, context.Environment) };
        options.AppId = Read(parse, globals.AppId, context, EnvironmentVariables.EmulatorAppId) ?? options.AppId;
        options.CustomerId = Read(parse, globals.CustomerId, context, EnvironmentVariables.EmulatorCustomerId) ?? options.CustomerId;
        options.CustomerSecret = Read(parse, globals.CustomerSecret, context, EnvironmentVariables.EmulatorCustomerSecret) ?? options.CustomerSecret;
        options.AppCertificate = Read(parse, globals.AppCertificate, context, EnvironmentVariables.EmulatorAppCertificate) ?? options.AppCertificate;
        return options;
    }

    private static EmulatorQuotas? ReadQuotas(bool enforce, int? messages)
    {
        if (!enforce)
        {
            return messages is null ? null : throw new UsageException("--messages-quota applies only with --enforce-quotas.");
        }

        var quotas = new EmulatorQuotas();
        if (messages is { } perSecond)
        {
            quotas.MessagesPerSecond = perSecond is >= 1 and <= 100_000
                ? perSecond
                : throw new UsageException("--messages-quota must be from 1 to 100000.");
        }

        return quotas;
    }

    private static string? Read(ParseResult parse, Option<string?> option, CliContext context, string variable)
    {
        var setting = Setting.Read(parse, option, context.Environment, variable);
        if (setting is { Value.Length: 0 })
        {
            throw new UsageException($"{setting.Source} must not be empty.");
        }

        return setting?.Value;
    }

    private static int ReadPort(ParseResult parse, Option<int?> option, IReadOnlyDictionary<string, string?> environment)
    {
        (int? value, string source) = parse.GetResult(option) is { Implicit: false }
            ? (parse.GetValue(option), option.Name)
            : environment.GetValueOrDefault(EnvironmentVariables.EmulatorPort) is { } text && !string.IsNullOrWhiteSpace(text)
                ? (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : -1, EnvironmentVariables.EmulatorPort)
                : (DefaultPort, string.Empty);
        return value is >= 0 and <= 65535
            ? value.Value
            : throw new UsageException($"{source} must be a port number from 0 to 65535 (0 picks a free one).");
    }

    private static SignalingEmulator Start(SignalingEmulatorOptions options)
    {
        try
        {
            return SignalingEmulator.Start(options);
        }
        catch (WireMock.Exceptions.WireMockException exception)
        {
            // Kestrel's reason ("address already in use") sits under WireMock's and an AggregateException's wrappers.
            throw new UsageException(
                $"The emulator could not start on 127.0.0.1:{options.Port}: {exception.GetBaseException().Message.TrimEnd('.')}. " +
                "Choose another port with --port, or --port 0 for a free one.");
        }
    }

    private static void Announce(SignalingEmulator emulator, TextWriter stdout, bool json)
    {
        if (json)
        {
            stdout.WriteLine(JsonOutput.Serialize(new EmulatorOutput(
                emulator.Endpoint.AbsoluteUri, emulator.AppId, emulator.CustomerId, emulator.CustomerSecret, emulator.AppCertificate)));
        }
        else
        {
            stdout.WriteLine($"Signaling emulator listening on {emulator.Endpoint} (messaging, events and history on one port).");
            stdout.WriteLine($"  app ID           {emulator.AppId}");
            stdout.WriteLine($"  customer ID      {emulator.CustomerId}");
            stdout.WriteLine($"  customer secret  {emulator.CustomerSecret}");
            stdout.WriteLine($"  app certificate  {emulator.AppCertificate}");
            stdout.WriteLine($"Other commands:    agora-signaling <command> --emulator {emulator.Endpoint} …");
            stdout.WriteLine($"Control surface:   {emulator.Endpoint}{SignalingEmulator.ControlPrefix}/ (openapi/emulator-control.yaml)");
        }

        // A script reads this line to learn the emulator is ready; it must not wait in a buffer.
        stdout.Flush();
    }

    private static async Task WaitAsync(TextReader? stdin, CancellationToken cancellationToken)
    {
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        if (stdin is null)
        {
            await cancelled.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            return;
        }

        // Console input has no truly asynchronous read, so the wait for its end takes a thread of its own.
        var closed = Task.Factory.StartNew(() => Drain(stdin), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAny(closed, cancelled).ConfigureAwait(false);
    }

    private static void Drain(TextReader stdin)
    {
        var buffer = new char[4096];
        while (stdin.Read(buffer, 0, buffer.Length) > 0)
        {
            // Whatever a parent writes is ignored; only the end of input matters.
        }
    }
}
