using Agora.Signaling.Testing;

namespace Agora.Signaling.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class SharedLimitTests(RedisFixture redis)
{
    private const int Rate = 100;
    private const int Senders = 2;

    [Fact]
    public async Task Two_instances_sharing_Redis_keep_one_app_within_one_quota_and_use_most_of_it()
    {
        using var emulator = SignalingEmulator.Start();
        string prefix = Guid.NewGuid().ToString("N");
        await using var first = new FleetInstance(emulator, redis.Server.Configuration, o => o.RateLimits.MessagesPerSecond = Rate, FleetInstance.Patient(prefix));
        await using var second = new FleetInstance(emulator, redis.Server.Configuration, o => o.RateLimits.MessagesPerSecond = Rate, FleetInstance.Patient(prefix));

        await Task.WhenAll(WarmUpAsync(first.Client), WarmUpAsync(second.Client));
        var duration = TimeSpan.FromSeconds(3);
        var sent = await Task.WhenAll(Rates.SendForAsync(first.Client, "first", duration, Senders), Rates.SendForAsync(second.Client, "second", duration, Senders));

        first.Logged(1101).Concat(second.Logged(1101)).Should().BeEmpty("Redis answered throughout");
        var messages = emulator.Messages.Where(m => m.Payload != "warm-up").ToList();
        // Permits are counted when granted, messages when they arrive: on a busy machine a message can take a while
        // longer than the one before it, and land in the next second. What a second holds beyond the quota is at most
        // the messages in flight (2 x 2); 5 % is the stated tolerance.
        Rates.BusiestWholeSecond(messages.Select(m => m.ReceivedAt)).Should().BeLessThanOrEqualTo(Rate + (Rate / 20), "the two instances share one quota (per second: {0})", Rates.PerSecond(messages));
        Rates.QuotaUsed(messages, Rate).Should().BeGreaterThanOrEqualTo(0.9, "the shared quota is used, not split in halves (per second: {0})", Rates.PerSecond(messages));
        sent.Should().AllSatisfy(n => n.Should().BeGreaterThan(Rate / 2, "both instances get permits"));
    }

    [Fact]
    public async Task Without_coordination_two_instances_send_twice_the_quota()
    {
        using var emulator = SignalingEmulator.Start();
        await using var first = new FleetInstance(emulator, null, o => o.RateLimits.MessagesPerSecond = Rate);
        await using var second = new FleetInstance(emulator, null, o => o.RateLimits.MessagesPerSecond = Rate);

        await Task.WhenAll(WarmUpAsync(first.Client), WarmUpAsync(second.Client));
        await Task.WhenAll(Rates.SendForAsync(first.Client, "first", TimeSpan.FromSeconds(2)), Rates.SendForAsync(second.Client, "second", TimeSpan.FromSeconds(2)));

        Rates.BusiestSecond(emulator.Messages.Where(m => m.Payload != "warm-up").ToList()).Should().BeGreaterThan(Rate * 3 / 2);
    }

    // Connections, Redis and the JIT are ready before the clock starts: a busy machine can take seconds over them.
    private static Task WarmUpAsync(ISignalingClient client) => client.SendPeerMessageAsync("warm", "receiver", "warm-up");
}
