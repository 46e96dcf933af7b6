using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Resilience;

/// <summary>A call answered at once reads the client's clock no more than it must: once for the budget, once for the attempt's duration.</summary>
public sealed class ClockReadTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    [Fact]
    public async Task A_call_answered_at_once_reads_the_clock_at_most_twice()
    {
        var clock = new CountingClock();
        var options = _emulator.CreateClientOptions();
        options.TimeProvider = clock;
        options.RateLimits.Enabled = false;
        using var client = new SignalingClient(options);
        await client.SendPeerMessageAsync("alice", "bob", "first");

        clock.Reset();
        await client.SendPeerMessageAsync("alice", "bob", "second");
        await client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room");

        clock.Reads.Should().BeLessThanOrEqualTo(4, "two calls, each with one read for its budget and one for its attempt's duration");
        _emulator.PeerMessages.Should().HaveCount(2);
    }

    public void Dispose() => _emulator.Dispose();

    private sealed class CountingClock : TimeProvider
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public void Reset() => Volatile.Write(ref _reads, 0);

        public override long GetTimestamp()
        {
            Interlocked.Increment(ref _reads);
            return System.GetTimestamp();
        }
    }
}
