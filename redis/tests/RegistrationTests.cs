using Agora.Signaling.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Agora.Signaling.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RegistrationTests(RedisFixture redis)
{
    [Fact]
    public void Coordination_applies_only_to_a_builder_AddAgoraSignaling_returned()
    {
        var services = new ServiceCollection();

        var act = () => services.AddHttpClient("other").UseRedisCoordination(redis.Server.Configuration);

        act.Should().Throw<ArgumentException>().WithParameterName("builder").WithMessage("*AddAgoraSignaling*");
    }

    [Fact]
    public void An_option_out_of_range_is_refused_at_registration_naming_it()
    {
        var builder = new ServiceCollection().AddAgoraSignaling(options => options.AppId = "app");

        var act = () => builder.UseRedisCoordination(redis.Server.Configuration, coordination => coordination.CommandTimeout = TimeSpan.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("CommandTimeout");
    }

    [Fact]
    public void A_configuration_string_that_cannot_be_parsed_is_refused_without_quoting_it()
    {
        var builder = new ServiceCollection().AddAgoraSignaling(options => options.AppId = "app");

        var act = () => builder.UseRedisCoordination("127.0.0.1:6379,password=hunter2,notAnOption=1");

        act.Should().Throw<ArgumentException>().WithParameterName("configuration").Which.Message.Should().NotContain("hunter2");
    }

    [Fact]
    public async Task A_container_disposed_synchronously_closes_the_connection_it_made()
    {
        using var emulator = SignalingEmulator.Start();
        var services = new ServiceCollection();
        services.AddAgoraSignaling(options =>
        {
            options.AppId = emulator.AppId;
            options.Endpoint = emulator.Endpoint;
            options.Credential = emulator.CreateClientOptions().Credential;
        }).UseRedisCoordination(redis.Server.Configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISignalingClient>().SendPeerMessageAsync("server", "alice", "hello");

        var act = provider.Dispose;

        act.Should().NotThrow();
    }
}
