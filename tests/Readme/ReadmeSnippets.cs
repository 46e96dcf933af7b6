using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Readme;

/// <summary>
/// The C# shown in README.md. Each region between "snippet:" markers must appear in README verbatim,
/// so the documentation cannot drift from code that compiles and runs.
/// </summary>
public sealed class ReadmeSnippets
{
    [Fact]
    public async Task The_quickstart_runs_against_the_emulator()
    {
        using var emulator = SignalingEmulator.Start();
        emulator.EnqueueUserEvent("alice", "Login");
        emulator.SeedHistory(HistoryChannelType.Message, "lobby", new StoredHistoryMessage("alice", "hi", 1));
        var output = new StringWriter();

        await QuickstartAsync(emulator.CreateClientOptions(), output);

        output.ToString().Should().Contain("Sent (request 1)").And.Contain("alice Login").And.Contain("alice: hi");
        emulator.PeerMessages.Should().ContainSingle().Which.Payload.Should().Be("Hello");
    }

    [Fact]
    public void The_options_snippet_builds_options_for_a_real_project()
    {
        var options = CreateOptions();

        options.Endpoint.Should().Be(SignalingClientOptions.DefaultEndpoint);
        options.Credential.Should().BeOfType<BasicCredential>().Which.CustomerId.Should().Be("<customer ID>");
    }

    [Fact]
    public void Every_snippet_appears_verbatim_in_the_readme()
    {
        string readme = File.ReadAllText(FindUp("README.md"));
        string[] source = File.ReadAllLines(FindUp(Path.Combine("tests", "Readme", "ReadmeSnippets.cs")));

        var snippets = Snippets(source).ToList();

        snippets.Should().HaveCount(3);
        foreach (var (name, text) in snippets)
        {
            readme.Should().Contain(text, $"README must show the '{name}' snippet exactly as it compiles here");
        }
    }

    [Fact]
    public async Task The_emulator_snippet_runs()
    {
        // snippet:emulator
        using var emulator = SignalingEmulator.Start();
        using var client = emulator.CreateClient();

        emulator.EnqueueUserEvent("alice", "Login");
        await client.SendChannelMessageAsync("server", "lobby", "Hello");

        var recorded = emulator.ChannelMessages.Single();
        var pulled = await client.GetUserEventsAsync();
        // end-snippet

        recorded.Should().BeEquivalentTo(new { FromUserId = "server", Destination = "lobby", Payload = "Hello" });
        pulled.Events.Should().ContainSingle().Which.Kind.Should().Be(UserEventKind.Login);
    }

    private static SignalingClientOptions CreateOptions()
    {
        // snippet:options
        var options = new SignalingClientOptions
        {
            AppId = "<your app ID>",
            Credential = new BasicCredential("<customer ID>", "<customer secret>"),
        };
        // end-snippet
        return options;
    }

    private static async Task QuickstartAsync(SignalingClientOptions options, TextWriter output)
    {
        // snippet:quickstart
        using var client = new SignalingClient(options);

        var sent = await client.SendPeerMessageAsync("server", "alice", "Hello");
        output.WriteLine($"{sent.Status} (request {sent.RequestId})");

        var pulled = await client.GetUserEventsAsync();
        foreach (var userEvent in pulled.Events!)
        {
            output.WriteLine($"{userEvent.UserId} {userEvent.Kind} at {userEvent.Ms}");
        }

        await foreach (var page in client.GetMessageHistoryPagesAsync("server", HistoryChannelType.Message, "lobby"))
        {
            foreach (var message in page.MessageList!)
            {
                output.WriteLine($"{message.Publisher}: {message.Message}");
            }
        }
        // end-snippet
    }

    private static IEnumerable<(string Name, string Text)> Snippets(string[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].Trim();
            if (!trimmed.StartsWith("// snippet:", StringComparison.Ordinal))
            {
                continue;
            }

            int indent = lines[i].Length - lines[i].TrimStart().Length;
            var body = lines.Skip(i + 1).TakeWhile(l => l.Trim() != "// end-snippet")
                .Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
            yield return (trimmed["// snippet:".Length..], string.Join("\n", body));
        }
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
