using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Packaging;

/// <summary>
/// A fresh console app restores the packed SDK from a local folder and sends a message to the emulator through
/// dependency injection: proves the package (not the project reference) works for a consumer.
/// </summary>
[Collection(PackedSdkCollection.Name)]
public sealed class PackedConsumerTests(PackedSdk sdk) : IDisposable
{
    // Must match the Microsoft.Extensions.* version that src/Agora.Signaling.csproj references.
    private const string DependencyInjectionVersion = "10.0.0";

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    [Fact]
    [Trait("Category", "Packaging")]
    public async Task A_console_app_consuming_the_packed_sdk_sends_a_channel_message()
    {
        string stdout = await sdk.RunConsumerAsync(
            "consumer",
            """
            using Agora.Signaling;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            services.AddAgoraSignaling(o =>
            {
                o.Endpoint = new Uri(args[0]);
                o.HistoryEndpoint = new Uri(args[0]);
                o.AppId = args[1];
                o.CustomerId = args[2];
                o.CustomerSecret = args[3];
            });
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<ISignalingClient>();
            await client.SendChannelMessageAsync("server", "lobby", "hello from the package");
            Console.WriteLine("sent");
            return 0;
            """,
            [("Microsoft.Extensions.DependencyInjection", DependencyInjectionVersion)],
            _emulator.Endpoint.ToString(), _emulator.AppId, _emulator.CustomerId, _emulator.CustomerSecret);

        stdout.Should().Contain("sent");
        _emulator.ChannelMessages.Should().ContainSingle()
            .Which.Payload.Should().Be("hello from the package");
    }

    public void Dispose() => _emulator.Dispose();
}
