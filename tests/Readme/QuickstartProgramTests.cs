using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Packaging;

namespace Agora.Signaling.Tests.Readme;

/// <summary>
/// README's Quickstart is a whole program: it is built as a console app against the packed SDK, with only the edits
/// README describes (the emulator's values for the placeholders, its URL as Endpoint and HistoryEndpoint), and run.
/// </summary>
[Collection(PackedSdkCollection.Name)]
public sealed class QuickstartProgramTests(PackedSdk sdk) : IDisposable
{
    private const string ProgramStart = "```csharp\nusing Agora.Signaling;\n";

    private const string EndpointLines = """
            Endpoint = new Uri("http://127.0.0.1:4780/"),
            HistoryEndpoint = new Uri("http://127.0.0.1:4780/"),
        """;

    private const string CredentialLine = "    Credential = new BasicCredential(\"<customer ID>\", \"<customer secret>\"),\n";

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    [Fact]
    [Trait("Category", "Packaging")]
    public async Task The_quickstart_builds_as_a_console_app_and_runs_against_the_emulator()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");
        string endpoints = EndpointLines.ReplaceLineEndings("\n") + "\n";
        readme.Should().Contain("```csharp\n" + endpoints + "```", "README shows the lines that point the program at the emulator");
        int start = readme.IndexOf(ProgramStart, StringComparison.Ordinal) + "```csharp\n".Length;
        string program = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        program.Should().Contain(CredentialLine);

        program = program
            .Replace("<your app ID>", _emulator.AppId, StringComparison.Ordinal)
            .Replace("<customer ID>", _emulator.CustomerId, StringComparison.Ordinal)
            .Replace("<customer secret>", _emulator.CustomerSecret, StringComparison.Ordinal);
        string credential = CredentialLine.Replace("<customer ID>", _emulator.CustomerId, StringComparison.Ordinal)
            .Replace("<customer secret>", _emulator.CustomerSecret, StringComparison.Ordinal);
        program = program.Replace(credential, credential + endpoints.Replace("127.0.0.1:4780", _emulator.Endpoint.Authority, StringComparison.Ordinal), StringComparison.Ordinal);
        _emulator.EnqueueUserEvent("alice", "Login", 1_000);
        _emulator.SeedHistory(HistoryChannelType.Message, "lobby", new StoredHistoryMessage("carol", "hi", 1));

        string stdout = await sdk.RunConsumerAsync("quickstart", program, []);

        stdout.Should().Contain("Sent (request ").And.Contain("alice Login at 1000").And.Contain("carol: hi");
        _emulator.PeerMessages.Should().ContainSingle().Which.Payload.Should().Be("Hello");
    }

    public void Dispose() => _emulator.Dispose();
}
