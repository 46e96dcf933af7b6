using System.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Agora.Signaling.Tests.Hardening;

// Allocation is measured process-wide, so nothing else may run meanwhile.
[Collection(MemoryMeasurement.Name)]
public sealed class ResponseSizeTests(ITestOutputHelper output)
{
    private const long DefaultCap = 4 * 1024 * 1024;

    [Fact]
    public void The_cap_defaults_to_4_MB_and_binds_from_configuration()
    {
        new SignalingClientOptions().MaxResponseBodySize.Should().Be(DefaultCap);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AppId"] = LoopbackServer.AppId,
            ["CustomerId"] = "id",
            ["CustomerSecret"] = "secret",
            ["MaxResponseBodySize"] = "1048576",
        }).Build();
        var services = new ServiceCollection();
        services.AddAgoraSignaling(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<SignalingClientOptions>>().Value.MaxResponseBodySize.Should().Be(1048576);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(int.MaxValue + 1L)]
    public void A_cap_that_cannot_be_used_fails_validation_naming_the_option(long cap)
    {
        var options = new SignalingClientOptions { AppId = LoopbackServer.AppId, CustomerId = "id", CustomerSecret = "secret", MaxResponseBodySize = cap };

        var act = options.Validate;

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(SignalingClientOptions.MaxResponseBodySize));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("MaxResponseBodySize");
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_without_waiting_for_the_body()
    {
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.Headers["x-request-id"] = "big-1";
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 64L * 1024 * 1024;

            // Headers only: a client that tried to read the body would wait here until its timeout.
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        var options = server.Options(timeout: TimeSpan.FromSeconds(20));
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        using var client = new SignalingClient(options);

        var stopwatch = Stopwatch.StartNew();
        var act = () => client.GetMessageHistoryAsync("u", HistoryChannelType.Message, "c");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the declared length alone decides");
        error.Should().NotBeOfType<SignalingOutcomeUnknownException>();
        error.Status.Should().Be(200);
        error.RequestId.Should().Be("big-1");
        error.Reason.Should().Be("The response body is larger than MaxResponseBodySize (4194304 bytes).");
        error.Message.Should().Contain("MaxResponseBodySize");
        requests.Should().Be(1, "a read answered too large is not retried: the answer would be as large again");
    }

    [Fact]
    public async Task A_chunked_64_MB_body_is_abandoned_at_the_cap_with_bounded_memory()
    {
        const long BodySize = 64L * 1024 * 1024;
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers["x-request-id"] = "chunked-" + Interlocked.Increment(ref requests);
            context.Response.ContentType = "application/json";
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            try
            {
                for (long sent = 0; sent < BodySize && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or ConnectionResetException)
            {
                // The client hung up, as it should.
            }
        });

        // Kestrel discards writes once the client has gone, so what counts is what the client's socket delivered.
        using var transport = new ObservedTransport();
        using var client = new SignalingClient(server.Options(), transport.Handler);

        // The first call also pays for JIT, the connection and the buffer pool's arrays; the second shows the steady state.
        long first = GC.GetTotalAllocatedBytes(precise: true);
        await FluentActions.Awaiting(() => client.GetUserEventsAsync()).Should().ThrowAsync<SignalingServiceException>();
        long firstAllocated = GC.GetTotalAllocatedBytes(precise: true) - first;
        long firstReceived = transport.TakeBytesRead();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();

        var error = (await FluentActions.Awaiting(() => client.GetUserEventsAsync()).Should().ThrowAsync<SignalingServiceException>()).Which;

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        error.Status.Should().Be(200);
        error.RequestId.Should().Be("chunked-2");
        error.Reason.Should().Be("The response body is larger than MaxResponseBodySize (4194304 bytes).");
        output.WriteLine(
            $"64 MB chunked body refused at the 4 MB cap: first call {Megabytes(firstAllocated)} allocated in the process and {Megabytes(firstReceived)} read from the socket; " +
            $"second call {Megabytes(allocated)} allocated and {Megabytes(transport.BytesRead)} read");
        firstAllocated.Should().BeLessThan(BodySize / 4, "reading stops at the 4 MB cap instead of buffering the 64 MB body");
        allocated.Should().BeLessThan(BodySize / 4);
        firstReceived.Should().BeLessThan(BodySize / 4, "the client stops reading soon after the cap");
        transport.BytesRead.Should().BeLessThan(BodySize / 4);
    }

    [Fact]
    public async Task The_cap_is_configurable_and_a_body_at_the_cap_is_read()
    {
        string body = """{"result":"success","request_id":"r","events":[]}""";
        string padded = body.PadRight(1000);
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(context.Request.Path.Value!.Contains("user_events") ? padded : padded + " ");
        });
        var options = server.Options();
        options.MaxResponseBodySize = 1000;
        using var client = new SignalingClient(options);

        (await client.GetUserEventsAsync()).RequestId.Should().Be("r");
        var error = (await FluentActions.Awaiting(() => client.GetChannelEventsAsync()).Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Reason.Should().Be("The response body is larger than MaxResponseBodySize (1000 bytes).");
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(400, false)]
    [InlineData(503, true)]
    public async Task A_send_answered_too_large_is_not_resent_even_when_resends_are_allowed(int status, bool outcomeUnknown)
    {
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = status;
            context.Response.Headers["x-request-id"] = "send-1";
            return context.Response.WriteAsync(new string('x', 2000));
        });
        var options = server.Options();
        options.MaxResponseBodySize = 1000;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.RetrySends = SendRetryMode.OnAnyTransientFailure;
        using var client = new SignalingClient(options);

        var error = (await FluentActions.Awaiting(() => client.SendPeerMessageAsync("a", "b", "hello")).Should().ThrowAsync<SignalingException>()).Which;

        requests.Should().Be(1, "the service answered, so the message may have been processed");
        error.Status.Should().Be(status);
        error.RequestId.Should().Be("send-1");
        var answer = error as SignalingServiceException ?? error.InnerException.Should().BeOfType<SignalingServiceException>().Subject;
        answer.Reason.Should().Contain("MaxResponseBodySize");
        (error is SignalingOutcomeUnknownException).Should().Be(outcomeUnknown, "a 5xx to a send leaves its delivery unknown, whatever the body");
    }

    [Fact]
    public async Task A_client_from_dependency_injection_applies_its_cap()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync(new string(' ', 5000) + "{}"));
        var services = new ServiceCollection();
        server.AddSignaling(services, o => o.MaxResponseBodySize = 4096);
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<ISignalingClient>().GetUserEventsAsync();

        (await act.Should().ThrowAsync<SignalingServiceException>()).Which.Reason.Should().Contain("(4096 bytes)");
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "Memory measurement";
}
