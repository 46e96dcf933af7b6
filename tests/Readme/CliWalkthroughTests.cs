using System.Text;
using Agora.Signaling.Tests.Cli;
using Agora.Signaling.Tests.Processes;

namespace Agora.Signaling.Tests.Readme;

/// <summary>
/// README's CLI walkthrough and its control-surface examples, run line by line as written: the tool's lines
/// in-process (what follows "dotnet run --project cli --"), curl's through sh. Only the port changes, from
/// README's 4780 to a free one, so that a run never depends on that port being free.
/// </summary>
public sealed class CliWalkthroughTests
{
    private const string ReadmeAddress = "127.0.0.1:4780";
    private const string ToolPrefix = "dotnet run --project cli -- ";
    private const string StartLine = ToolPrefix + "emulator";

    private const string Walkthrough = """
        dotnet run --project cli -- send-channel --emulator http://127.0.0.1:4780 --from server --channel lobby --payload Hello --history
        dotnet run --project cli -- history --emulator http://127.0.0.1:4780 --user server --channel-type message --channel lobby
        curl -s -X POST http://127.0.0.1:4780/_emulator/user-events -d '{"userId":"alice","type":"Login"}'
        dotnet run --project cli -- events users --emulator http://127.0.0.1:4780
        """;

    private const string ControlExamples = """
        E=http://127.0.0.1:4780/_emulator
        curl -s $E/credentials                                     # the same object --json prints
        curl -s -X POST $E/user-events -d '{"userId":"alice","type":"Login"}'             # or an array of events
        curl -s -X POST $E/channel-events -d '{"channelName":"lobby","userId":"alice","type":"Join"}'
        curl -s -X POST $E/history -d '{"channelType":"message","channelName":"lobby","messages":[{"publisher":"carol","message":"Hi","timestamp":1796096000000}]}'
        curl -s -X POST $E/online-users -d '{"userId":"alice","online":true}'              # wait-for-ack answers "delivered"
        curl -s "$E/messages?kind=peer"                            # what was sent: peer, channel, or both without kind
        curl -s $E/publishes                                       # the 2.x publishes received
        curl -s "$E/history?channelType=message&channelName=lobby" # the stored history, newest first
        curl -s -X POST $E/faults -d '[{"kind":"status","status":503},{"kind":"status","status":429,"retryAfterSeconds":1},{"kind":"slow","delayMs":2000},{"kind":"drop"}]'
        curl -s -X POST $E/reset                                   # forget everything
        """;

    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Readme_shows_these_lines_verbatim_and_4780_is_the_default_port()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");

        var help = await CliHost.RunAsync(["emulator", "--help"]);

        readme.Should().Contain($"```sh\n{StartLine}\n```");
        readme.Should().Contain($"```sh\n{Walkthrough.ReplaceLineEndings("\n")}\n```");
        readme.Should().Contain($"```sh\n{ControlExamples.ReplaceLineEndings("\n")}\n```");
        help.Stdout.Should().Contain("Default: 4780.");
    }

    [FactWhenInstalled("curl")]
    public async Task The_walkthrough_shows_the_message_sent_the_history_read_back_and_the_event_pulled()
    {
        await using var emulator = await CliEmulatorRun.StartAsync(StartLine[ToolPrefix.Length..].Split(' '));
        var outputs = new List<string>();

        foreach (string line in Walkthrough.Split('\n', StringSplitOptions.TrimEntries))
        {
            outputs.Add(await RunAsync(line.Replace(ReadmeAddress, emulator.Url.Authority, StringComparison.Ordinal)));
        }

        outputs[0].Should().Contain("Channel message from server to lobby: sent (code message_sent, ");
        outputs[1].Should().Contain("server: Hello").And.Contain("1 message");
        outputs[2].Should().Be("""{"queued":1,"pending":1}""");
        outputs[3].Should().Contain("1 user event").And.Contain("Login   user alice");
    }

    [FactWhenInstalled("curl")]
    public async Task The_control_surface_examples_answer_as_documented()
    {
        await using var emulator = await CliEmulatorRun.StartAsync();
        string script = ControlExamples.Replace(ReadmeAddress, emulator.Url.Authority, StringComparison.Ordinal);

        string output = await RunShellAsync(script);

        output.Should().NotContain("error");
        output.Should().StartWith("{\"url\":\"" + emulator.Url.AbsoluteUri);
        output.Should().Contain("""{"queued":1,"pending":1}{"queued":1,"pending":1}{"stored":1}{"messages":[]}{"publishes":[]}{"messages":[{"publisher":"carol","message":"Hi","timestamp":1796096000000""");
        output.Should().EndWith("""{"queued":4,"pending":4}""");
    }

    private static async Task<string> RunAsync(string line)
    {
        if (!line.StartsWith(ToolPrefix, StringComparison.Ordinal))
        {
            return await RunShellAsync(line);
        }

        var result = await CliHost.RunAsync(ShellWords(line[ToolPrefix.Length..]));
        result.ExitCode.Should().Be(0, $"'{line}' failed:\n{result}");
        return result.Stdout;
    }

    private static async Task<string> RunShellAsync(string script)
    {
        using var shell = ChildProcess.Start("sh", ["-c", script]);
        int code = await shell.WaitForExitAsync(ProcessLimit);
        code.Should().Be(0, $"'{script}' failed:\n{shell.Stderr}");
        return shell.Stdout.TrimEnd('\n');
    }

    /// <summary>Splits a command line as sh does, for the quoting README uses: words, and single-quoted text.</summary>
    internal static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, started = false;
        foreach (char c in line)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                started = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (started)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    started = false;
                }
            }
            else
            {
                word.Append(c);
                started = true;
            }
        }

        if (started)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
