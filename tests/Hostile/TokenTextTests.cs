namespace Agora.Signaling.Tests.Hostile;

/// <summary>A token made elsewhere can name any user; describing it must not let that name drive a terminal or a log viewer.</summary>
public sealed class TokenTextTests
{
    private const string AppId = Hardening.LoopbackServer.AppId;
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
    private const string HostileUser = "evil\u001b[2J\r\nforged\u202e\u0007";
    private const string EscapedUser = @"evil\u001B[2J\u000D\u000Aforged\u202E\u0007";

    [Fact]
    public void Token_and_credential_descriptions_escape_control_and_format_characters_of_the_user()
    {
        uint now = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string token = AccessToken2.BuildRtm(AppId, Certificate, HostileUser, now, 3600, 77);

        string parsed = SignalingToken.Parse(token).ToString();
        string credential = new AccessToken2Credential(token).ToString();

        parsed.Should().Contain("user " + EscapedUser);
        credential.Should().Contain("UserId = " + EscapedUser).And.Contain("Token = ***").And.NotContain(token);
        TerminalSafety.Assert(parsed + credential);
    }

    [Fact]
    public void A_customer_id_with_a_bidi_override_is_escaped_in_the_description()
    {
        string text = new BasicCredential("cust\u202eomer", "secret-value-1").ToString();

        text.Should().Contain(@"cust\u202Eomer").And.NotContain("secret-value-1");
        TerminalSafety.Assert(text);
    }

    [Fact]
    public async Task A_sender_refused_by_such_a_token_is_named_escaped()
    {
        uint now = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string token = AccessToken2.BuildRtm(AppId, Certificate, HostileUser, now, 3600, 77);
        var options = new SignalingClientOptions { AppId = AppId, Endpoint = new Uri("http://127.0.0.1:9/"), Credential = new AccessToken2Credential(_ => ValueTask.FromResult(token)) };
        using var client = new SignalingClient(options);

        var error = await FluentActions.Awaiting(() => client.SendPeerMessageAsync("alice", "bob", "hi")).Should().ThrowAsync<SignalingCredentialException>();

        error.Which.Message.Should().Contain(EscapedUser);
        TerminalSafety.Assert(error.Which.Message);
    }
}
