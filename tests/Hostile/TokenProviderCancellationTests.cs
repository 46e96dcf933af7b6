using System.Diagnostics;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>A token provider that ignores its CancellationToken must not hold a cancelled call until it is done.</summary>
public sealed class TokenProviderCancellationTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_cancelled_call_ends_promptly_while_the_provider_still_runs()
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref requests);
            return context.Response.WriteAsync("""{"result":"success","request_id":"r","events":[]}""");
        });
        var options = server.Options();
        options.Credential = new AccessToken2Credential(_ => new ValueTask<string>(release.Task));
        using var client = new SignalingClient(options);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        var call = client.GetUserEventsAsync(cancellation.Token);
        var ended = await Task.WhenAny(call, Task.Delay(Prompt * 2));
        watch.Stop();
        release.TrySetResult("not a token");

        ended.Should().BeSameAs(call, "the call must not wait for a provider that ignores cancellation");
        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        watch.Elapsed.Should().BeLessThan(Prompt);
        Volatile.Read(ref requests).Should().Be(0);
    }

    [Fact]
    public async Task The_provider_is_not_asked_again_while_an_abandoned_call_to_it_runs()
    {
        const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
        string token = SignalingTokenBuilder.BuildAccessToken2(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromHours(1));
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int asked = 0;
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("""{"result":"success","request_id":"r","events":[]}"""));
        var options = server.Options();
        options.Credential = new AccessToken2Credential(_ => Interlocked.Increment(ref asked) == 1 ? new ValueTask<string>(release.Task) : ValueTask.FromResult(token));
        using var client = new SignalingClient(options);
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            var first = client.GetUserEventsAsync(cancellation.Token);
            (await Task.WhenAny(first, Task.Delay(Prompt * 2))).Should().BeSameAs(first, "the cancelled call must end while the provider runs");
            await FluentActions.Awaiting(() => first).Should().ThrowAsync<OperationCanceledException>();
        }

        // One provider call at a time still holds: the next call waits for the abandoned one to end.
        var second = client.GetUserEventsAsync();
        await Task.Delay(300);
        Volatile.Read(ref asked).Should().Be(1);
        second.IsCompleted.Should().BeFalse();
        release.SetResult("ignored by its abandoned caller");
        await second.WaitAsync(Prompt);

        Volatile.Read(ref asked).Should().Be(2);
    }
}
