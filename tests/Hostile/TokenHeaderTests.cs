using System.Collections.Concurrent;
using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// Base64 decoding skips whitespace, so a token with CR/LF inside still parses; nothing but the token itself
/// may reach the header, or a configured token splits the request.
/// </summary>
public sealed class TokenHeaderTests
{
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
    private const string EventsAnswer = """{"result":"success","request_id":"r","events":[]}""";

    private static readonly string Token = SignalingTokenBuilder.BuildAccessToken2(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromHours(1));
    private static readonly string Legacy = SignalingTokenBuilder.BuildLegacyAccessToken(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromHours(1));

    public static TheoryData<string> Insides => new() { "\r\n", "\n", "\r", " ", "\t", "\u00a0", "\u0000", "\u001b" };

    [Theory]
    [MemberData(nameof(Insides))]
    public void Parse_refuses_whitespace_and_control_characters_inside_a_token(string inside)
    {
        foreach (string token in new[] { Token, Legacy })
        {
            var act = () => SignalingToken.Parse(Split(token, inside));

            act.Should().Throw<SignalingTokenFormatException>().WithMessage("*whitespace or control character*")
                .Which.Message.Should().NotContain(token[20..40]);
        }
    }

    [Fact]
    public void Parse_ignores_whitespace_around_a_token()
    {
        SignalingToken.Parse(" \t" + Token + "\r\n").UserId.Should().Be("server");
        SignalingToken.Parse("\n" + Legacy + " ").Version.Should().Be(SignalingTokenVersion.AccessToken);
    }

    [Theory]
    [MemberData(nameof(Insides))]
    public void A_configured_token_with_whitespace_inside_is_refused_naming_the_parameter(string inside)
    {
        var fixedToken = () => new AccessToken2Credential(Split(Token, inside));
        var legacy = () => new LegacyAccessTokenCredential(Split(Legacy, inside), "server");

        fixedToken.Should().Throw<ArgumentException>().Where(e => e.ParamName == "token").WithMessage("*whitespace or control character*");
        legacy.Should().Throw<ArgumentException>().Where(e => e.ParamName == "token").WithMessage("*whitespace or control character*");
    }

    [Fact]
    public async Task Whitespace_around_a_configured_token_is_trimmed_before_it_reaches_the_wire()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await RecordingServerAsync(seen);

        await CallAsync(server, new AccessToken2Credential(" " + Token + "\r\n"));
        await CallAsync(server, new LegacyAccessTokenCredential("\t" + Legacy + "\n", "server"));

        seen.Should().Equal("Authorization=agora token=" + Token, "x-agora-token=" + Legacy + "|x-agora-uid=server");
    }

    [Fact]
    public async Task A_provider_token_with_CRLF_inside_fails_before_anything_is_sent()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await RecordingServerAsync(seen);
        var credential = new AccessToken2Credential(_ => ValueTask.FromResult(Split(Token, "\r\n")));

        var error = await FluentActions.Awaiting(() => CallAsync(server, credential)).Should().ThrowAsync<SignalingCredentialException>();

        error.Which.Message.Should().Contain("whitespace or control character").And.NotContain(Token[20..40]);
        seen.Should().BeEmpty("a token that is refused is never sent");
    }

    [Fact]
    public async Task A_provider_token_with_a_trailing_newline_is_sent_trimmed()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await RecordingServerAsync(seen);

        await CallAsync(server, new LegacyAccessTokenCredential(_ => ValueTask.FromResult(Legacy + "\r\n"), "server"));

        seen.Should().Equal("x-agora-token=" + Legacy + "|x-agora-uid=server");
    }

    [Fact]
    public async Task The_tool_refuses_a_token_with_CRLF_inside_with_exit_2_and_sends_nothing()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await RecordingServerAsync(seen);
        string[] endpoint = ["--base-url", server.Endpoint.AbsoluteUri, "--app-id", LoopbackServer.AppId, "--max-retries", "0"];

        var refused = await CliHost.RunAsync(["events", "users", .. endpoint, "--token", Split(Token, "\r\n")]);
        var trimmed = await CliHost.RunAsync(
            ["events", "users", .. endpoint],
            new Dictionary<string, string?> { ["AGORA_TOKEN"] = Token + "\n" });

        refused.ExitCode.Should().Be(ExitCodes.BadArguments, refused.ToString());
        refused.Stderr.Should().Contain("whitespace or control character");
        trimmed.ExitCode.Should().Be(ExitCodes.Success, trimmed.ToString());
        seen.Should().Equal("Authorization=agora token=" + Token);
    }

    private static string Split(string token, string inside) => token[..40] + inside + token[40..];

    private static async Task CallAsync(LoopbackServer server, SignalingCredential credential)
    {
        var options = server.Options();
        options.Credential = credential;
        using var client = new SignalingClient(options);
        await client.GetUserEventsAsync();
    }

    /// <summary>Records the authentication headers of every request that reaches it, one entry per request.</summary>
    private static Task<LoopbackServer> RecordingServerAsync(ConcurrentQueue<string> seen) =>
        LoopbackServer.StartAsync(async context =>
        {
            var headers = context.Request.Headers;
            seen.Enqueue(string.Join("|", new[] { "Authorization", "x-agora-token", "x-agora-uid" }
                .Where(name => headers.ContainsKey(name))
                .Select(name => $"{name}={headers[name]}")));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(EventsAnswer);
        });
}
