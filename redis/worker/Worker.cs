namespace Agora.Signaling.FleetWorker;

/// <summary>What a worker does once its client is built.</summary>
internal static class Worker
{
    public static async Task<int> SendAsync(ISignalingClient client, WorkerSettings settings, StatusCounter statuses)
    {
        // One message before the start, so connections and Redis are warm when the clock starts.
        await client.SendPeerMessageAsync(settings.Sender, "receiver", "warm-up");
        Console.WriteLine("ready");
        if (Console.ReadLine() != "go")
        {
            return 1;
        }

        int sent = 0, failed = 0;
        var until = DateTime.UtcNow + settings.Duration;
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async worker =>
        {
            // Bounded by the clock, and by a count no client could reach in the time.
            for (int i = 0; i < 1_000_000 && DateTime.UtcNow < until; i++)
            {
                try
                {
                    await client.SendPeerMessageAsync(settings.Sender, "receiver", $"{worker}-{i}");
                    Interlocked.Increment(ref sent);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));

        Console.WriteLine($"sent {sent} too-many {statuses.TooMany} failed {failed}");
        return 0;
    }

    public static async Task<int> PumpAsync(ISignalingClient client)
    {
        using var stop = new CancellationTokenSource();

        // Standard input ending is the signal to stop (and release the lease); a kill skips that on purpose.
        var stdinClosed = Task.Run(() =>
        {
            while (Console.ReadLine() is not null)
            {
            }

            stop.Cancel();
        });
        Console.WriteLine("ready");
        try
        {
            await foreach (var batch in client.ReadUserEventsAsync(new EventPumpOptions { Follow = true, IdleDelay = TimeSpan.FromMilliseconds(100) }, stop.Token))
            {
                foreach (var item in batch)
                {
                    Console.WriteLine($"event {item.UserId}");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }

        await stdinClosed;
        return 0;
    }
}
