using System.Text;
using System.Web;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// Every argument the public client checks, fed any string: the call is either refused with an
/// <see cref="ArgumentException"/> naming that parameter before anything is sent, or sent with the value intact and
/// nothing that could break the request line or a header. Which of the two happens is decided independently here,
/// from the documented rules, so a validator that lets too much or too little through fails too.
/// </summary>
public sealed class ValidatorProperties
{
    private const string TokenUser = "alice";

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Case> Cases = new Case[]
    {
        new("SendPeerMessage.fromUserId", "fromUserId", IsMessagingPathId, (c, v) => c.SendPeerMessageAsync(v!, "bob", "hi"), (r, v) => Segment(r, 6).Should().Be(v)),
        new("SendPeerMessage.toUserId", "toUserId", IsMessagingId, (c, v) => c.SendPeerMessageAsync("alice", v!, "hi"), (r, v) => Body(r)["destination"]!.Value<string>().Should().Be(v)),
        new("SendPeerMessage.payload", "payload", IsPayload, (c, v) => c.SendPeerMessageAsync("alice", "bob", v!), (r, v) => Body(r)["payload"]!.Value<string>().Should().Be(v)),
        new("SendChannelMessage.fromUserId", "fromUserId", IsMessagingPathId, (c, v) => c.SendChannelMessageAsync(v!, "lobby", "hi"), (r, v) => Segment(r, 6).Should().Be(v)),
        new("SendChannelMessage.channelName", "channelName", IsMessagingId, (c, v) => c.SendChannelMessageAsync("alice", v!, "hi"), (r, v) => Body(r)["channel_name"]!.Value<string>().Should().Be(v)),
        new("SendChannelMessage.payload", "payload", IsPayload, (c, v) => c.SendChannelMessageAsync("alice", "lobby", v!), (r, v) => Body(r)["payload"]!.Value<string>().Should().Be(v)),
        new("GetMessageHistory.userId", "userId", IsHistoryPathId, (c, v) => c.GetMessageHistoryAsync(v!, HistoryChannelType.Message, "lobby"), (r, v) => Segment(r, 5).Should().Be(v)),
        new("GetMessageHistory.channelName", "channelName", IsHistoryPathId, (c, v) => c.GetMessageHistoryAsync("alice", HistoryChannelType.User, v!), (r, v) => Segment(r, 9).Should().Be(v)),
        new("GetMessageHistoryPages.userId", "userId", IsHistoryPathId, (c, v) => FirstPageAsync(c, v!, "lobby"), (r, v) => Segment(r, 5).Should().Be(v)),
        new("GetMessageHistoryPages.channelName", "channelName", IsHistoryPathId, (c, v) => FirstPageAsync(c, "alice", v!), (r, v) => Segment(r, 9).Should().Be(v)),
#pragma warning disable CS0618 // The legacy history API is deprecated, not gone: its checks still guard what is sent.
        new("CreateHistoryQuery.Source", "query.Source", IsMessagingIdOrNull, (c, v) => c.CreateHistoryQueryAsync(Query(v, "bob")), (r, v) => ((string?)Body(r)["filter"]!["source"]).Should().Be(v)),
        new("CreateHistoryQuery.Destination", "query.Destination", IsMessagingIdOrNull, (c, v) => c.CreateHistoryQueryAsync(Query("alice", v)), (r, v) => ((string?)Body(r)["filter"]!["destination"]).Should().Be(v)),
        new("GetHistoryCount.Source", "filter.Source", IsMessagingIdOrNull, (c, v) => c.GetHistoryCountAsync(Query(v, "bob")), (r, v) => QueryValue(r, "source").Should().Be(v)),
        new("GetHistoryCount.Destination", "filter.Destination", IsMessagingIdOrNull, (c, v) => c.GetHistoryCountAsync(Query("alice", v)), (r, v) => QueryValue(r, "destination").Should().Be(v)),
        new("GetHistoryQueryResult.handle", "handle", IsHandle, (c, v) => c.GetHistoryQueryResultAsync(v!), (r, v) => Segment(r, 8).Should().Be(v)),
#pragma warning restore CS0618
        new("SendPeerMessage.fromUserId with a token", "fromUserId", v => v == TokenUser, (c, v) => c.SendPeerMessageAsync(v!, "bob", "hi"), (r, v) => Segment(r, 6).Should().Be(v), TokenCredential: true),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    // Strings, and now and then null, which every parameter must refuse (or, in a legacy query, treat as unset).
    private static readonly Gen<string?> Values = Gen.Frequency<string?>((30, PropertyTesting.HostileString.Select(s => (string?)s)), (1, Gen.Const(default(string))));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_value_is_refused_naming_its_parameter_before_sending_or_sent_intact(string caseName)
    {
        var @case = Cases[caseName];
        int accepted = 0, refused = 0;

        // A known-good value now and then, so that a case whose rule is narrow (the token's user) is accepted sometimes too.
        await Gen.Frequency<string?>((8, Values), (1, Gen.OneOf<string?>("alice", "a'b,c!", "hi"))).SampleAsync(
            async value =>
            {
                var transport = new FixedAnswerTransport();
                using var client = transport.CreateClient(@case.TokenCredential ? TokenCredential() : null);

                var error = await CaptureAsync(() => @case.Call(client, value));

                if (@case.IsValid(value))
                {
                    error.Should().BeNull("the documented rules allow {0}", Show(value));
                    var request = transport.Requests.Should().ContainSingle().Subject;
                    AssertNothingBreaksTheRequestLineOrHeaders(request);
                    @case.ArrivesIntact(request, value);
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    var refusal = error.Should().BeAssignableTo<ArgumentException>("the documented rules refuse {0}", Show(value)).Subject;
                    refusal.ParamName.Should().Be(@case.Parameter);
                    transport.Requests.Should().BeEmpty("a refused call sends nothing");

                    // The message may reach logs and terminals: no line breaks or escapes smuggled in, and no 40 KB echo.
                    PropertyTesting.HasControlCharacter(refusal.Message).Should().BeFalse(refusal.Message);
                    refusal.Message.Length.Should().BeLessThan(400);
                    Interlocked.Increment(ref refused);
                }
            },
            iter: PropertyTesting.Iterations(1_000),
            print: Show);

        // Both outcomes must have been exercised, or the property proved little.
        accepted.Should().BePositive();
        refused.Should().BePositive();
    }

    [Fact]
    public async Task Basic_credentials_are_refused_naming_the_parameter_or_sent_as_a_clean_header()
    {
        await Gen.Select(PropertyTesting.HostileString, PropertyTesting.HostileString).SampleAsync(
            async (customerId, customerSecret) =>
            {
                bool valid = customerId.Length > 0 && !customerId.Contains(':') && !PropertyTesting.HasControlCharacter(customerId)
                    && customerSecret.Length > 0 && !PropertyTesting.HasControlCharacter(customerSecret);
                BasicCredential? credential = null;
                var error = await CaptureAsync(() =>
                {
                    credential = new BasicCredential(customerId, customerSecret);
                    return Task.CompletedTask;
                });

                if (!valid)
                {
                    error.Should().BeAssignableTo<ArgumentException>().Which.ParamName.Should().BeOneOf("customerId", "customerSecret");
                    error!.Message.Should().NotContain(customerSecret.Length >= 8 ? customerSecret : "\0never\0", "a secret is never repeated");
                    return;
                }

                error.Should().BeNull();
                var transport = new FixedAnswerTransport();
                using var client = transport.CreateClient(credential);
                await client.GetUserEventsAsync();
                var request = transport.Requests.Should().ContainSingle().Subject;
                AssertNothingBreaksTheRequestLineOrHeaders(request);
                string expected = Convert.ToBase64String(Encoding.UTF8.GetBytes(customerId + ":" + customerSecret));
                request.Headers.Should().Contain(("Authorization", "Basic " + expected));
            },
            iter: PropertyTesting.Iterations(1_000),
            print: t => Show(t.Item1) + " / " + Show(t.Item2));
    }

    // Found by the payload property (seed 7cZtAATrx_P2): the encoder replaced the lone half with U+FFFD and sent that.
    // Built in code: xunit would pass lone surrogates in inline data through UTF-8 and turn them into U+FFFD itself.
    [Fact]
    public async Task A_payload_with_an_unpaired_surrogate_is_refused_instead_of_sent_altered()
    {
        var transport = new FixedAnswerTransport();
        using var client = transport.CreateClient();

        foreach (var (payload, index) in new[] { ("a\udc00b", 1), ("\ud800", 0), ("\ud83d\ude00\ud83d", 2) })
        {
            var act = () => client.SendPeerMessageAsync("alice", "bob", payload);

            var error = (await act.Should().ThrowAsync<ArgumentException>()).Which;
            error.ParamName.Should().Be("payload");
            error.Message.Should().Contain($"index {index}");
        }

        transport.Requests.Should().BeEmpty();
        await client.SendPeerMessageAsync("alice", "bob", "paired \ud83d\ude00 is fine");
        Body(transport.Requests.Single())["payload"]!.Value<string>().Should().Be("paired \ud83d\ude00 is fine");
    }

    private static async Task<Exception?> CaptureAsync(Func<Task> call)
    {
        try
        {
            // Inside the try: the non-async entry points throw before they return a task.
            await call();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private static void AssertNothingBreaksTheRequestLineOrHeaders(SeenRequest request)
    {
        string requestLine = request.Uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        requestLine.Should().NotContainAny([" ", "\r", "\n", "\t"]);
        PropertyTesting.HasControlCharacter(requestLine).Should().BeFalse(requestLine);
        requestLine.All(c => c < 128).Should().BeTrue("a request target is ASCII: {0}", requestLine);
        foreach (var (name, value) in request.Headers)
        {
            PropertyTesting.HasControlCharacter(value).Should().BeFalse($"header {name} must not carry control characters");
        }
    }

    private static async Task FirstPageAsync(SignalingClient client, string userId, string channelName)
    {
        await foreach (var _ in client.GetMessageHistoryPagesAsync(userId, HistoryChannelType.Message, channelName))
        {
            break;
        }
    }

    private static LegacyHistoryQuery Query(string? source, string? destination) =>
        new() { Source = source, Destination = destination, StartTime = Start, EndTime = Start.AddHours(1) };

    private static AccessToken2Credential TokenCredential() =>
        new(SignalingTokenBuilder.BuildAccessToken2(FixedAnswerTransport.AppId, "5cfd2fd1755d40ecb72977518be15d3b", TokenUser, TimeSpan.FromHours(1)));

    // Decoded the way a server decodes a path segment.
    private static string Segment(SeenRequest request, int index) => Uri.UnescapeDataString(request.RawSegments[index]);

    private static string? QueryValue(SeenRequest request, string name) => HttpUtility.ParseQueryString(request.Uri.Query)[name];

    private static JObject Body(SeenRequest request)
    {
        // Dates stay text: a payload that looks like a timestamp must come back exactly as sent.
        using var reader = new JsonTextReader(new StringReader(request.BodyText)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    // ---- the documented rules, written independently of SignalingValidation ----

    private static bool IsMessagingId(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || PropertyTesting.MessagingSymbols.Contains(c));

    private static bool IsMessagingIdOrNull(string? value) => value is null || IsMessagingId(value);

    private static bool IsMessagingPathId(string? value) => IsMessagingId(value) && IsPathSegment(value!);

    private static bool IsHistoryPathId(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || PropertyTesting.HistorySymbols.Contains(c)) && IsPathSegment(value);

    private static bool IsPathSegment(string value) => value[0] != ' ' && value[^1] != ' ' && value is not ("." or "..");

    // Non-empty, at most 32,768 bytes once sent as UTF-8, and text that UTF-8 can carry at all (no lone surrogate halves).
    private static bool IsPayload(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(value) <= 32 * 1024;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsHandle(string? value) => value is { Length: > 0 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Show(string? value) => value switch
    {
        null => "null",
        { Length: > 80 } => $"\"{Escape(value[..40])}…\" ({value.Length} chars)",
        _ => $"\"{Escape(value)}\"",
    };

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < 32 || c is >= '\u007f' and <= '\u00a0' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private sealed record Case(string Name, string Parameter, Func<string?, bool> IsValid, Func<SignalingClient, string?, Task> Call, Action<SeenRequest, string?> ArrivesIntact, bool TokenCredential = false);
}
