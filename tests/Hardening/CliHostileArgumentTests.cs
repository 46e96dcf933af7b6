using Agora.Signaling.Cli;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Cli;

namespace Agora.Signaling.Tests.Hardening;

/// <summary>Arguments that look like something else are taken as the values they are.</summary>
public sealed class CliHostileArgumentTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    // Response files used to be on: "@bob hi" was read as a file name, and "@/some/file" sent that file's contents.
    [Theory]
    [InlineData("@bob hi")]
    [InlineData("@/etc/hostname")]
    public async Task A_payload_starting_with_an_at_sign_is_sent_as_written(string payload)
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", payload, .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle().Which.Payload.Should().Be(payload);
    }

    // Found by SecretLeakTests: the parser's "Unrecognized command or argument" error echoed a token given in the wrong place.
    [Fact]
    public async Task A_token_given_where_no_argument_is_expected_is_masked_in_the_parse_error()
    {
        string token007 = SignalingTokenBuilder.BuildAccessToken2(_emulator.AppId, _emulator.AppCertificate, "alice", TimeSpan.FromHours(1));
        string token006 = SignalingTokenBuilder.BuildLegacyAccessToken(_emulator.AppId, _emulator.AppCertificate, "alice", TimeSpan.FromHours(1));

        var pasted = await CliHost.RunAsync([token007]);
        var stray = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", token006]);
        var mistyped = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", "--tokn=" + token007]);

        foreach (var result in new[] { pasted, stray, mistyped })
        {
            result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
            result.Stderr.Should().Contain("***");
            (result.Stdout + result.Stderr).Should().NotContain(token007).And.NotContain(token006).And.NotContain(token007[3..]);
        }
    }

    // Found by the inspect property (seed 7LOSPnGyGEi1): a one-letter "token" was masked wherever that letter occurred.
    [Theory]
    [InlineData("e")]
    [InlineData("00")]
    [InlineData("@not-a-file")]
    public async Task Inspecting_a_few_characters_or_an_at_sign_gives_the_plain_error(string text)
    {
        var result = await CliHost.RunAsync(["token", "inspect", text]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Be("error: Not a well-formed token: " + Assert.Throws<SignalingTokenFormatException>(() => SignalingToken.Parse(text)).Message + Environment.NewLine);
    }
}
