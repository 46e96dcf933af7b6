using Agora.Signaling.Tests.Client.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Client;

public sealed class TransportTests
{
    [Fact]
    public async Task A_service_that_cannot_be_reached_raises_SignalingTransportException_with_status_0()
    {
        var options = new SignalingClientOptions
        {
            AppId = WireMockHost.AppId,
            Endpoint = new Uri($"http://127.0.0.1:{WireMockHost.FreePort()}/"),
            Credential = new BasicCredential("id", "secret"),
        };
        using var client = new SignalingClient(options);

        var act = () => client.GetUserEventsAsync();

        var error = (await act.Should().ThrowExactlyAsync<SignalingTransportException>()).Which;
        error.Status.Should().Be(0);
        error.InnerException.Should().BeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task A_slow_answer_to_a_read_raises_SignalingTimeoutException_naming_the_operation()
    {
        using var host = new WireMockHost(timeout: TimeSpan.FromMilliseconds(200));
        host.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithBody("{}"));

        var act = () => host.Client.GetMessageHistoryAsync("u", HistoryChannelType.Message, "c");

        var error = (await act.Should().ThrowExactlyAsync<SignalingTimeoutException>()).Which;
        error.Message.Should().Contain("GetMessageHistory").And.Contain("1 attempt");
        error.Operation.Should().Be("GetMessageHistory");
        error.Attempts.Should().ContainSingle();
    }

    [Fact]
    public async Task A_slow_answer_to_an_event_pull_reports_an_unknown_outcome_since_events_may_be_gone()
    {
        using var host = new WireMockHost(timeout: TimeSpan.FromMilliseconds(200));
        host.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithBody("{}"));

        var act = () => host.Client.GetChannelEventsAsync();

        var error = (await act.Should().ThrowAsync<SignalingOutcomeUnknownException>()).Which;
        error.Message.Should().Contain("GetChannelEvents").And.Contain("timed out");
        error.Status.Should().Be(0);
    }

    [Fact]
    public async Task Caller_cancellation_is_reported_as_cancellation_not_timeout()
    {
        using var host = new WireMockHost();
        host.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithBody("{}"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = () => host.Client.GetUserEventsAsync(cancellation.Token);

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.Should().NotBeOfType<SignalingTimeoutException>();
    }
}
