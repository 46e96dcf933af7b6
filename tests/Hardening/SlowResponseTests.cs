using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Agora.Signaling.Tests.Hardening;

public sealed class SlowResponseTests
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "read", true },
        { "read", false },
        { "send", true },
        { "send", false },
        { "pull", true },
        { "pull", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_dribbled_slower_than_the_attempt_timeout_ends_in_the_timeout_path(string operation, bool chunked)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (!chunked)
            {
                context.Response.ContentLength = 1_000_000;
            }

            await context.Response.StartAsync();
            try
            {
                while (true)
                {
                    await context.Response.Body.WriteAsync(" "u8.ToArray(), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(100, context.RequestAborted);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The client hung up.
            }
        });

        // The timeout must run out while the body dribbles in, not before the request goes out: a cold start (JIT, the
        // first connection) took over 300 ms under load, the attempt ended waiting for a connection, and that
        // connection, never used, stayed open in the pool. One call first warms both sides, on a transport of its own.
        using (var warmTransport = new ObservedTransport())
        using (var warmClient = new SignalingClient(server.Options(timeout: TimeSpan.FromMilliseconds(300)), warmTransport.Handler))
        {
            await FluentActions.Awaiting(() => warmClient.GetUserEventsAsync()).Should().ThrowAsync<Exception>();
        }

        // Kestrel does not always notice a hang-up while it keeps writing, so the client's own socket is watched.
        using var transport = new ObservedTransport();
        using var client = new SignalingClient(server.Options(timeout: TimeSpan.FromSeconds(1)), transport.Handler);
        var stopwatch = Stopwatch.StartNew();

        Func<Task> act = operation switch
        {
            "read" => () => client.GetMessageHistoryAsync("u", HistoryChannelType.Message, "c"),
            "send" => () => client.SendChannelMessageAsync("a", "channel", "hello"),
            _ => () => client.GetUserEventsAsync(),
        };

        if (operation == "read")
        {
            (await act.Should().ThrowExactlyAsync<SignalingTimeoutException>()).Which.Message.Should().Contain("GetMessageHistory");
        }
        else
        {
            // The request went out, so a send may have been processed and a pull may have deleted events.
            var error = (await act.Should().ThrowAsync<SignalingOutcomeUnknownException>()).Which;
            error.Status.Should().Be(0);
            error.Message.Should().Contain("timed out");
        }

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "a dribbled body must not hold the caller past its timeout");
        var closing = Stopwatch.StartNew();
        while (transport.ConnectionsClosed == 0 && closing.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        // The connection is torn down on a pool thread, just after the caller has its exception.
        transport.ConnectionsClosed.Should().Be(1, "the SDK hangs up instead of reading on");
    }
}
