using System.Collections.Concurrent;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// A redirect would resend a message (307/308) or turn it into a GET (301/302) to another host, carrying the legacy
/// token headers with it. The SDK follows none: the 3xx is the answer, and nothing reaches the other host.
/// </summary>
public sealed class RedirectTests
{
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";

    public static TheoryData<int> Statuses => new() { 301, 302, 303, 307, 308 };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task A_redirected_send_goes_nowhere_else_and_is_not_resent(int status)
    {
        await using var elsewhere = await RecordingServerAsync();
        int requests = 0;
        await using var service = await RedirectingServerAsync(status, elsewhere, () => Interlocked.Increment(ref requests));
        var options = service.Options();
        options.Retry.MaxRetries = 3;
        options.Retry.RetrySends = SendRetryMode.OnAnyTransientFailure;
        using var client = new SignalingClient(options);

        var error = (await FluentActions.Awaiting(() => client.SendPeerMessageAsync("server", "alice", "secret plans")).Should().ThrowExactlyAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(status);
        error.Message.Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .And.Contain($"redirect to {elsewhere.Server.Endpoint.Authority}").And.Contain("does not follow");
        requests.Should().Be(1, "a redirect is an answer, and a send that was answered is not resent");
        elsewhere.Requests.Should().BeEmpty("nothing may reach a host the user did not choose");
    }

    [Fact]
    public async Task A_redirected_read_with_legacy_token_headers_sends_neither_the_token_nor_the_uid_elsewhere()
    {
        await using var elsewhere = await RecordingServerAsync();
        await using var service = await RedirectingServerAsync(307, elsewhere);
        var options = service.Options();
        options.Credential = new LegacyAccessTokenCredential(SignalingTokenBuilder.BuildLegacyAccessToken(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromHours(1)), "server");
        using var client = new SignalingClient(options);

        var error = (await FluentActions.Awaiting(() => client.GetUserEventsAsync()).Should().ThrowExactlyAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(307);
        elsewhere.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_dependency_injected_client_does_not_follow_redirects_either()
    {
        await using var elsewhere = await RecordingServerAsync();
        await using var service = await RedirectingServerAsync(308, elsewhere);
        var services = new ServiceCollection();
        service.AddSignaling(services);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ISignalingClient>();

        var error = (await FluentActions.Awaiting(() => client.SendChannelMessageAsync("server", "lobby", "hello")).Should().ThrowExactlyAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(308);
        elsewhere.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_relative_or_hostile_Location_is_described_without_its_text()
    {
        await using var service = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/somewhere?token=leaked";
            return Task.CompletedTask;
        });
        using var client = new SignalingClient(service.Options());

        var error = (await FluentActions.Awaiting(() => client.GetChannelEventsAsync()).Should().ThrowExactlyAsync<SignalingServiceException>()).Which;

        error.Message.Should().Contain("redirect to another path").And.NotContain("leaked");
    }

    /// <summary>Answers every request with <paramref name="status"/> and a Location on <paramref name="elsewhere"/>, same path.</summary>
    private static Task<LoopbackServer> RedirectingServerAsync(int status, RecordingServer elsewhere, Action? counted = null) =>
        LoopbackServer.StartAsync(context =>
        {
            counted?.Invoke();
            context.Response.StatusCode = status;
            context.Response.Headers.Location = new Uri(elsewhere.Server.Endpoint, context.Request.Path.Value).AbsoluteUri;
            return Task.CompletedTask;
        });

    private static async Task<RecordingServer> RecordingServerAsync()
    {
        var requests = new ConcurrentQueue<string>();
        var server = await LoopbackServer.StartAsync(context =>
        {
            requests.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.Headers["x-agora-token"]} {context.Request.Headers["x-agora-uid"]}");
            context.Response.StatusCode = 200;
            return context.Response.WriteAsync("""{"result":"success","request_id":"elsewhere","events":[]}""");
        });
        return new RecordingServer(server, requests);
    }

    /// <summary>The host a redirect points at, recording whatever reaches it.</summary>
    private sealed record RecordingServer(LoopbackServer Server, ConcurrentQueue<string> Requests) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
