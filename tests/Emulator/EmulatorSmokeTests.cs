using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Emulator;

public sealed class EmulatorSmokeTests
{
    [Theory]
    [InlineData("userA")]
    [InlineData("rtmtest_RTM_4852_4857w7%")]
    [InlineData("a b%#?[]{}|^<>")]
    [InlineData("!$&()+-:;=.@~,'")]
    public async Task A_peer_message_reaches_the_emulator_with_the_sender_decoded(string sender)
    {
        using var emulator = SignalingEmulator.Start();
        using var client = emulator.CreateClient();

        var response = await client.SendPeerMessageAsync(sender, "userB", "Hello");

        response.Status.Should().Be(MessageDeliveryStatus.Sent);
        emulator.PeerMessages.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { FromUserId = sender, Destination = "userB", Payload = "Hello" });
    }
}
