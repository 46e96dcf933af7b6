using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Resilience;

/// <summary>Moves a fake clock forward while real HTTP calls run, so backoff waits pass without sleeping.</summary>
internal static class FakeClock
{
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> call, TimeSpan step, TimeSpan? limit = null)
    {
        var end = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(5));
        while (!call.IsCompleted && time.GetUtcNow() < end)
        {
            time.Advance(step);
            await Task.Delay(2);
        }

        // Past the limit the fake clock stops; a call still waiting on it fails here instead of hanging the run.
        return await call.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static Task DriveAsync(this FakeTimeProvider time, Task call, TimeSpan step, TimeSpan? limit = null) =>
        time.DriveAsync(call.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), step, limit);

    /// <summary>Waits (in real time, briefly) until the emulator has seen the given number of requests.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue("the condition should have been met within 5 seconds");
    }
}
