using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Readme;

/// <summary>The code a consumer would test, standing in for theirs in the README's xunit example.</summary>
public sealed class OrderNotifier(ISignalingClient client)
{
    public Task NotifyAsync(string orderId, string buyer) =>
        client.SendPeerMessageAsync("orders", buyer, $"Your order {orderId} has shipped.");
}

// snippet:xunit
public sealed class OrderNotifierTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    [Fact]
    public async Task The_buyer_is_told_when_the_order_ships()
    {
        using var client = _emulator.CreateClient();

        await new OrderNotifier(client).NotifyAsync("order-42", "alice");

        _emulator.PeerMessages.Should().ContainSingle()
            .Which.Should().Match<RecordedMessage>(m => m.Destination == "alice" && m.Payload.Contains("order-42"));
    }

    public void Dispose() => _emulator.Dispose();
}
// end-snippet
