namespace Agora.Signaling.Tests.Client;

/// <summary>The request ID of an answer is read from the first of the headers Agora or a proxy sends it in.</summary>
public sealed class RequestIdHeaderTests
{
    [Fact]
    public void The_earlier_candidate_wins_whatever_the_order_of_the_headers()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("request-id", "from-proxy");
        response.Headers.TryAddWithoutValidation("X-Agora-Request-Id", "from-agora");
        response.Headers.TryAddWithoutValidation("X-REQUEST-ID", "first-choice");

        ServiceErrorTranslator.FindRequestId(response.Headers).Should().Be("first-choice");
    }

    [Fact]
    public void A_later_candidate_is_used_when_the_earlier_ones_are_missing_or_empty()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-agora-request-id", "from-agora");
        response.Headers.TryAddWithoutValidation("request-id", "from-proxy");
        response.Headers.TryAddWithoutValidation("x-trace", "other");

        ServiceErrorTranslator.FindRequestId(response.Headers).Should().Be("from-agora");
    }

    [Fact]
    public void No_candidate_header_means_no_request_id()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-trace", "other");

        ServiceErrorTranslator.FindRequestId(response.Headers).Should().BeNull();
    }
}
