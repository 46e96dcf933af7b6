using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Web;
using Agora.Signaling.Testing;
using CsCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// Every ID the validators accept reaches a server as itself: its path segment or query value is plain RFC 3986
/// (unreserved characters and percent-escapes only) and decodes back to the ID, both by the rule a server applies and
/// through two real servers, Kestrel's routing and the WireMock-based emulator.
/// </summary>
public sealed partial class PathEncodingProperties : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Which request a route value belongs to: properties run on several threads against one server.
    private static readonly AsyncLocal<string?> Probe = new();

    private readonly ConcurrentDictionary<string, string[]> _seenByKestrel = new();
    private WebApplication? _kestrel;

    [Fact]
    public async Task An_accepted_id_is_sent_as_unreserved_characters_and_escapes_that_decode_to_it()
    {
        await Gen.Select(PropertyTesting.MessagingPathId, PropertyTesting.HistoryPathId, PropertyTesting.HistoryPathId).SampleAsync(
            async (sender, historyUser, channel) =>
            {
                var transport = new FixedAnswerTransport();
                using var client = transport.CreateClient();

                await client.SendPeerMessageAsync(sender, "bob", "hi");
                await client.GetMessageHistoryAsync(historyUser, HistoryChannelType.Message, channel);
#pragma warning disable CS0618 // The legacy count puts IDs in the query string, where '+' means a space to a server.
                await client.GetHistoryCountAsync(new LegacyHistoryQuery { Source = sender, Destination = channel, StartTime = Start, EndTime = Start });
#pragma warning restore CS0618

                var requests = transport.Requests.ToArray();
                AssertSegment(requests[0], 6, sender);
                AssertSegment(requests[1], 5, historyUser);
                AssertSegment(requests[1], 9, channel);
                string query = requests[2].Uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
                query.Split('&').Should().AllSatisfy(pair => PlainQueryPair().IsMatch(pair).Should().BeTrue(pair));
                var values = HttpUtility.ParseQueryString(query);
                values["source"].Should().Be(sender);
                values["destination"].Should().Be(channel);
            },
            iter: PropertyTesting.Iterations(2_000),
            print: t => $"sender \"{t.Item1}\", history user \"{t.Item2}\", channel \"{t.Item3}\"");
    }

    [Fact]
    public async Task Kestrel_routing_decodes_every_accepted_id_to_itself()
    {
        using var transport = new ProbeHandler();
        var options = new SignalingClientOptions
        {
            AppId = FixedAnswerTransport.AppId,
            Endpoint = new Uri(_kestrel!.Urls.Single() + "/"),
            HistoryEndpoint = new Uri(_kestrel.Urls.Single() + "/"),
            Credential = new BasicCredential("property-customer", "property-secret"),
        };
        options.Retry.MaxRetries = 0;
        options.RateLimits.Enabled = false;
        using var client = new SignalingClient(options, transport);

        await Gen.Select(PropertyTesting.MessagingPathId, PropertyTesting.HistoryPathId, PropertyTesting.HistoryPathId).SampleAsync(
            async (sender, historyUser, channel) =>
            {
                Probe.Value = Guid.NewGuid().ToString("N");
                await client.SendPeerMessageAsync(sender, "bob", "hi");
                _seenByKestrel[Probe.Value].Should().Equal(sender);

                Probe.Value = Guid.NewGuid().ToString("N");
                await client.GetMessageHistoryAsync(historyUser, HistoryChannelType.User, channel);
                _seenByKestrel[Probe.Value].Should().Equal(historyUser, channel);

                Probe.Value = Guid.NewGuid().ToString("N");
#pragma warning disable CS0618
                await client.GetHistoryCountAsync(new LegacyHistoryQuery { Source = sender, Destination = channel, StartTime = Start, EndTime = Start });
#pragma warning restore CS0618
                _seenByKestrel[Probe.Value].Should().Equal(sender, channel);
            },
            iter: PropertyTesting.Iterations(300),
            print: t => $"sender \"{t.Item1}\", history user \"{t.Item2}\", channel \"{t.Item3}\"");
    }

    [Fact]
    public async Task The_emulator_stores_and_finds_messages_under_every_accepted_id()
    {
        using var emulator = SignalingEmulator.Start();
        var options = emulator.CreateClientOptions();
        options.Retry.MaxRetries = 0;
        options.RateLimits.Enabled = false;
        using var client = new SignalingClient(options);

        // History IDs are the narrower set, so one ID can be both the sender's path segment and a history channel.
        await Gen.Select(PropertyTesting.MessagingPathId, PropertyTesting.HistoryPathId).SampleAsync(
            async (sender, channel) =>
            {
                var peer = await client.SendPeerMessageAsync(sender, "bob", "hi");
                emulator.PeerMessages.Single(m => m.RequestId == peer.RequestId).FromUserId.Should().Be(sender);

                string historySender = channel;
                await client.SendChannelMessageAsync(historySender, channel, "stored", new ChannelMessageOptions { EnableHistoricalMessaging = true });
                var page = await client.GetMessageHistoryAsync(historySender, HistoryChannelType.Message, channel);
                page.Data!.MessageList.Should().Contain(m => m.Publisher == historySender && m.Message == "stored");
            },
            iter: PropertyTesting.Iterations(200),
            print: t => $"sender \"{t.Item1}\", channel \"{t.Item2}\"");
    }

    // Found by the emulator property (seed 68cbGsX-IcZa): an ID holding "%08" was decoded twice, to a control character.
    [Theory]
    [InlineData("a%41b")]
    [InlineData("100%25")]
    [InlineData("%08")]
    [InlineData("a+b c")]
    public async Task The_emulator_decodes_an_id_that_looks_like_an_escape_only_once(string id)
    {
        using var emulator = SignalingEmulator.Start();
        using var client = new SignalingClient(emulator.CreateClientOptions());

        var sent = await client.SendPeerMessageAsync(id, "bob", "hi");

        emulator.PeerMessages.Single(m => m.RequestId == sent.RequestId).FromUserId.Should().Be(id);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _kestrel = builder.Build();

        const string Messaging = "/dev/v2/project/{appid}/rtm/users/{userId}/peer_messages";
        const string History = "/rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}";
        const string Count = "/dev/v2/project/{appid}/rtm/message/history/count";
        _kestrel.MapPost(Messaging, (HttpContext context, string userId) => Answer(context, Messaging, userId));
        _kestrel.MapGet(History, (HttpContext context, string userId, string channelName) => Answer(context, History, userId, channelName));
        _kestrel.MapGet(Count, (HttpContext context) => Answer(context, Count, context.Request.Query["source"]!, context.Request.Query["destination"]!));
        await _kestrel.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_kestrel is not null)
        {
            await _kestrel.DisposeAsync();
        }
    }

    private static void AssertSegment(SeenRequest request, int index, string id)
    {
        string raw = request.RawSegments[index];
        PlainSegment().IsMatch(raw).Should().BeTrue("segment {0} of {1} should be unreserved characters and escapes only", raw, request.Uri);
        Uri.UnescapeDataString(raw).Should().Be(id);
    }

    private IResult Answer(HttpContext context, string route, params string[] values)
    {
        _seenByKestrel[context.Request.Headers["x-probe"].ToString()] = values;
        return Results.Text(FixedAnswerTransport.AnswerFor(route), "application/json");
    }

    [GeneratedRegex("^(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+$")]
    private static partial Regex PlainSegment();

    [GeneratedRegex("^(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+=(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})*$")]
    private static partial Regex PlainQueryPair();

    /// <summary>Marks each request with the probe of the call that made it, then sends it over real HTTP.</summary>
    private sealed class ProbeHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("x-probe", Probe.Value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
