using Agora.Signaling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Authentication;

/// <summary>A token whose only service is RTM2 names its user, as an RTM token does: it authenticates, and only as that user.</summary>
public sealed class Rtm2CredentialTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly SignalingEmulator _emulator;

    public Rtm2CredentialTests() =>
        _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { AppId = TestKeys.AppId, AppCertificate = TestKeys.AppCertificate, TimeProvider = _time });

    [Fact]
    public async Task A_fixed_RTM2_token_sends_as_its_user_and_refuses_another_sender_before_sending()
    {
        var credential = new AccessToken2Credential(Rtm2Token("alice"));
        using var client = new SignalingClient(_emulator.CreateClientOptions(credential));

        await client.SendPeerMessageAsync("alice", "bob", "hi");
        var other = () => client.SendPeerMessageAsync("bob", "carol", "hi");

        credential.RestrictedToUserId.Should().Be("alice");
        credential.ToString().Should().Contain("UserId = alice");
        (await other.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("fromUserId");
        _emulator.PeerMessages.Should().ContainSingle().Which.FromUserId.Should().Be("alice");
    }

    [Fact]
    public async Task A_provided_RTM2_token_is_accepted_and_checked_against_the_sender()
    {
        var credential = new AccessToken2Credential(_ => ValueTask.FromResult(Rtm2Token("alice")));
        using var client = new SignalingClient(_emulator.CreateClientOptions(credential));

        await client.SendChannelMessageAsync("alice", "lobby", "hi");
        var other = () => client.SendChannelMessageAsync("bob", "lobby", "hi");

        (await other.Should().ThrowAsync<SignalingCredentialException>()).Which.Message.Should().Contain("'alice'").And.Contain("'bob'");
        _emulator.ChannelMessages.Should().ContainSingle().Which.FromUserId.Should().Be("alice");
    }

    public void Dispose() => _emulator.Dispose();

    private string Rtm2Token(string userId) => SignalingTokenBuilder.BuildAccessToken2(
        TestKeys.AppId,
        TestKeys.AppCertificate,
        userId,
        SignalingPermissionSet.Empty.Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Write, "lobby"),
        TimeSpan.FromHours(1),
        _time.GetUtcNow(),
        42);
}
