using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// A <c>Retry-After</c> of days (or a date in year 9999) used to reach a timer out of its range and crash the call
/// with an ArgumentOutOfRangeException. A wait that cannot fit ends the call with the service's answer instead.
/// </summary>
public sealed class RetryAfterTests
{
    public static TheoryData<int, string> HugeWaits => new()
    {
        { 503, "999999999" },
        { 429, "999999999" },
        { 503, "Fri, 31 Dec 9999 23:59:59 GMT" },
        { 429, "Fri, 31 Dec 9999 23:59:59 GMT" },
        { 503, "86401" },
    };

    [Theory]
    [MemberData(nameof(HugeWaits))]
    public async Task A_huge_Retry_After_ends_a_read_at_once_with_the_service_s_answer_even_without_an_overall_timeout(int status, string retryAfter)
    {
        int requests = 0;
        await using var server = await ServerAsync(status, retryAfter, () => Interlocked.Increment(ref requests));
        var options = server.Options();
        options.OverallTimeout = Timeout.InfiniteTimeSpan;
        options.Retry.MaxRetries = 3;
        using var client = new SignalingClient(options);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = (await FluentActions.Awaiting(() => client.GetMessageHistoryAsync("server", HistoryChannelType.Message, "lobby", cancellationToken: bound.Token))
            .Should().ThrowExactlyAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(status);
        requests.Should().Be(1, "a wait longer than MaxRetryAfter is not made");
        bound.IsCancellationRequested.Should().BeFalse();
    }

    public static TheoryData<string> MalformedWaits => new()
    {
        "soon",
        "-5",
        "1.5",
        "",
        "99999999999999999999999",
        "Mon, 32 Foo 2020 25:61:61 GMT",
    };

    [Theory]
    [MemberData(nameof(MalformedWaits))]
    public async Task A_malformed_Retry_After_is_ignored_and_the_read_retried_after_the_usual_backoff(string retryAfter)
    {
        int requests = 0;
        await using var server = await ServerAsync(503, retryAfter, () => Interlocked.Increment(ref requests), succeedAfter: 1);
        var options = server.Options();
        options.Retry.MaxRetries = 1;
        using var client = new SignalingClient(options);

        (await client.GetUserEventsAsync()).Events.Should().BeEmpty();

        requests.Should().Be(2, "a Retry-After that does not parse neither crashes the call nor stops the retry");
    }

    [Fact]
    public async Task A_Retry_After_above_MaxRetryAfter_is_not_waited_for_and_one_within_it_is()
    {
        int impatientRequests = 0, patientRequests = 0;
        await using var first = await ServerAsync(503, "1", () => Interlocked.Increment(ref impatientRequests), succeedAfter: 1);
        await using var second = await ServerAsync(503, "1", () => Interlocked.Increment(ref patientRequests), succeedAfter: 1);

        using (var impatient = new SignalingClient(Options(first, TimeSpan.FromMilliseconds(500))))
        {
            await FluentActions.Awaiting(() => impatient.GetUserEventsAsync()).Should().ThrowExactlyAsync<SignalingServiceException>();
        }

        using var patient = new SignalingClient(Options(second, TimeSpan.FromSeconds(2)));
        (await patient.GetUserEventsAsync()).Events.Should().BeEmpty();

        impatientRequests.Should().Be(1, "a 1 s Retry-After is above a MaxRetryAfter of 0.5 s");
        patientRequests.Should().Be(2, "a 1 s Retry-After fits in 2 s, so the read was retried");

        static SignalingClientOptions Options(LoopbackServer server, TimeSpan maxRetryAfter)
        {
            var options = server.Options();
            options.Retry.MaxRetries = 1;
            options.Retry.MaxRetryAfter = maxRetryAfter;
            return options;
        }
    }

    [Fact]
    public void MaxRetryAfter_out_of_range_is_refused_naming_it()
    {
        var options = new SignalingClientOptions { AppId = LoopbackServer.AppId, Credential = new BasicCredential("id", "secret") };
        options.Retry.MaxRetryAfter = TimeSpan.FromDays(2);

        var act = () => new SignalingClient(options);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("MaxRetryAfter");
    }

    [Fact]
    public async Task The_cli_reports_the_service_s_answer_and_never_says_nothing_was_sent()
    {
        await using var server = await ServerAsync(503, "999999999", () => { });
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliHost.RunAsync(
            ["history", "--user", "server", "--channel-type", "message", "--channel", "lobby", .. CliHost.LoopbackArgs(server)[..^2], "--max-retries", "3"],
            cancellationToken: bound.Token);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Stderr.Should().Contain("503").And.NotContain("Nothing was sent").And.NotContain("ArgumentOutOfRange");
    }

    /// <summary>Answers <paramref name="status"/> with <paramref name="retryAfter"/>, then (after <paramref name="succeedAfter"/> failures) an empty event batch.</summary>
    private static Task<LoopbackServer> ServerAsync(int status, string retryAfter, Action counted, int succeedAfter = int.MaxValue)
    {
        int failures = 0;
        return LoopbackServer.StartAsync(context =>
        {
            counted();
            if (Interlocked.Increment(ref failures) > succeedAfter)
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync("""{"result":"success","request_id":"ok","events":[]}""");
            }

            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = retryAfter;
            return Task.CompletedTask;
        });
    }
}
