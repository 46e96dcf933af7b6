using System.Net;
using System.Text;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Authentication;
using Agora.Signaling.Tests.Client.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Emulator;

/// <summary>
/// Every documented request of ../shared/reference/signaling-examples.json, sent as raw HTTP to the emulator, gets the
/// documented answer: the same status, every documented member with the same JSON type, and the same values except
/// those the service picks itself (request IDs, times, query handles). Placeholders (app ID, Basic credentials,
/// tokens) are replaced with the emulator's; the state each answer needs (events, history, online users) is set first.
/// </summary>
public sealed class DocumentedExampleReplayTests : IDisposable
{
    // Members whose value the service chooses, so only their presence and type are compared.
    private static readonly HashSet<string> ServiceChosen = ["request_id", "requestId", "timestamp", "location", "newStart", "reason"];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2019, 8, 1, 1, 23, 0, TimeSpan.Zero));
    private readonly SignalingEmulator _emulator;
    private readonly HttpClient _http = new();

    public DocumentedExampleReplayTests() =>
        _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { AppId = TestKeys.AppId, AppCertificate = TestKeys.AppCertificate, TimeProvider = _time });

    public static TheoryData<string> Examples => new(DocumentedExamples.Ids);

    [Fact]
    public void Every_documented_example_is_replayed()
    {
        // The theory below takes them all; this fails if the file grows an operation the arrangement does not know.
        DocumentedExamples.Ids.Select(id => (string)DocumentedExamples.Get(id)["operationId"]!).Distinct().Should().BeSubsetOf(
            ["send-peer-message", "send-channel-message", "get-user-events", "get-channel-events", "get-message-history", "create-history-query", "get-history-query-result", "get-history-count"]);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task A_documented_request_gets_the_documented_answer(string id)
    {
        var example = DocumentedExamples.Get(id);
        string url = await ArrangeAsync(id, example);

        using var request = Request(example, url);
        using var response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(DocumentedExamples.ResponseStatus(id), text);
        Match(example["response_body"]!, JToken.Parse(text), "$");
    }

    [Theory]
    [InlineData("wait_for_ack=True", "message_delivered")]
    [InlineData("wait_for_ack=TRUE", "message_delivered")]
    [InlineData("wait_for_ack=1", "message_delivered")]
    [InlineData("wait_for_ack=False", "message_sent")]
    [InlineData("wait_for_ack=0", "message_sent")]
    public async Task Booleans_as_python_and_others_write_them_are_read(string query, string code)
    {
        _emulator.SetUserOnline("userB");

        using var response = await PeerMessageAsync(query, """{"destination":"userB","payload":"Hello"}""", BasicHeader());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JObject.Parse(await response.Content.ReadAsStringAsync())["code"]!.Value<string>().Should().Be(code);
    }

    [Fact]
    public async Task A_flag_that_is_no_boolean_is_still_refused()
    {
        using var response = await PeerMessageAsync("wait_for_ack=maybe", """{"destination":"userB","payload":"Hello"}""", BasicHeader());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Body_members_the_api_does_not_know_are_ignored_and_known_ones_still_checked()
    {
        using var extra = await PeerMessageAsync(null, """{"destination":"userB","payload":"Hello","priority":"high","meta":{"a":1}}""", BasicHeader());
        using var wrongType = await PeerMessageAsync(null, """{"destination":"userB","payload":"Hello","enable_historical_messaging":"yes"}""", BasicHeader());

        extra.StatusCode.Should().Be(HttpStatusCode.OK);
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _emulator.PeerMessages.Should().ContainSingle().Which.Payload.Should().Be("Hello");
    }

    [Theory]
    [InlineData("Authorization", "basic {basic}")]
    [InlineData("Authorization", "Basic {basic}")]
    [InlineData("Authorization", "agora token={token}")]
    [InlineData("Authorization", "Agora token={token}")]
    [InlineData("x-agora-token", "{legacy}")]
    public async Task Each_documented_header_form_sends_a_message_as_curl_or_python_would(string name, string value)
    {
        using var response = await PeerMessageAsync("wait_for_ack=false", """{"destination":"userB","payload":"Hello"}""", (name, Fill(value)), ("x-agora-uid", "userA"));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        _http.Dispose();
        _emulator.Dispose();
    }

    // Sets the state the documented answer needs and returns the URL to call, on the emulator.
    private async Task<string> ArrangeAsync(string id, JObject example)
    {
        string url = (string)example["url"]!;
        var answer = example["response_body"];
        switch ((string)example["operationId"]!)
        {
            case "send-peer-message" when (string?)answer!["code"] == "message_delivered":
                _emulator.SetUserOnline("userB");
                break;
            case "send-peer-message" when (string?)answer!["code"] == "message_sent":
                // The docs reuse the wait_for_ack=true URL for all their answers; message_sent is what a send that
                // does not wait gets (§4), so that is the request made here.
                url = url.Replace("?wait_for_ack=true", "?wait_for_ack=false", StringComparison.Ordinal);
                break;
            case "get-user-events":
                foreach (var e in answer!["events"]!)
                {
                    _emulator.EnqueueUserEvent((string)e["user_id"]!, (string)e["type"]!, (long?)(e["ms"] ?? e["ts"]));
                }

                break;
            case "get-channel-events":
                foreach (var e in answer!["events"]!)
                {
                    _emulator.EnqueueChannelEvent((string)(e["group_id"] ?? e["channel_id"])!, (string)e["user_id"]!, (string)e["type"]!, (long?)(e["ms"] ?? e["ts"]));
                }

                break;
            case "get-message-history" when answer!["error"]!.Value<bool>():
                _emulator.InjectFaults(EmulatorFault.Status((int)example["response_status"]!));
                break;
            case "get-message-history":
                // Seeded inside the requested window (end <= timestamp < start), newest first as the answer lists them.
                long start = long.Parse((string)example["query"]!["start"]!, System.Globalization.CultureInfo.InvariantCulture);
                var documented = answer!["data"]!["messageList"]!.Select((m, i) => new StoredHistoryMessage((string)m["publisher"]!, (string)m["message"]!, start - 1 - i)
                {
                    MessageType = (string)m["messageType"]!,
                    CustomType = (string)m["customType"]!,
                });
                _emulator.SeedHistory(HistoryChannelType.Message, "chatroom", documented.Reverse().ToArray());
                break;
            case "create-history-query":
                break;
            case "get-history-query-result":
                url = url.Replace("123456123456", await LegacyQueryHandleAsync(answer!), StringComparison.Ordinal);
                break;
            case "get-history-count":
                for (int i = 0; i < (int)answer!["count"]!; i++)
                {
                    await SendWithHistoryAsync("src", "dst", "counted");
                }

                break;
        }

        return url;
    }

    // A legacy query over what the documented result lists, sent at the documented time, whose handle the result URL takes.
    private async Task<string> LegacyQueryHandleAsync(JToken answer)
    {
        var message = answer["messages"]![0]!;
        var sentAt = DateTimeOffset.FromUnixTimeMilliseconds((long)message["ms"]!);
        _time.SetUtcNow(sentAt);
        await SendWithHistoryAsync((string)message["src"]!, (string)message["dst"]!, (string)message["payload"]!);

        var filter = new JObject
        {
            ["source"] = message["src"],
            ["start_time"] = sentAt.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["end_time"] = sentAt.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.Endpoint, $"dev/v2/project/{_emulator.AppId}/rtm/message/history/query"))
        {
            Content = new StringContent(new JObject { ["filter"] = filter }.ToString(), Encoding.UTF8, "application/json"),
        };
        create.Headers.TryAddWithoutValidation("Authorization", Fill("Basic {basic}"));
        using var created = await _http.SendAsync(create);
        string location = (string)JObject.Parse(await created.Content.ReadAsStringAsync())["location"]!;
        return location[(location.LastIndexOf('/') + 1)..];
    }

    private async Task SendWithHistoryAsync(string from, string to, string payload)
    {
        using var response = await PeerMessageFromAsync(from, null, new JObject { ["destination"] = to, ["payload"] = payload, ["enable_historical_messaging"] = true }.ToString(), BasicHeader());
        response.EnsureSuccessStatusCode();
    }

    private Task<HttpResponseMessage> PeerMessageAsync(string? query, string body, params (string Name, string Value)[] headers) => PeerMessageFromAsync("userA", query, body, headers);

    private async Task<HttpResponseMessage> PeerMessageFromAsync(string from, string? query, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.Endpoint, $"dev/v2/project/{_emulator.AppId}/rtm/users/{from}/peer_messages" + (query is null ? string.Empty : "?" + query)))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request);
    }

    private (string, string) BasicHeader() => ("Authorization", Fill("Basic {basic}"));

    // The documented request on the emulator: its path and query as printed, its headers with the placeholders filled.
    private HttpRequestMessage Request(JObject example, string url)
    {
        var documented = new Uri(url.Replace("{appId}", "APPID", StringComparison.Ordinal).Replace("<appid>", "APPID", StringComparison.Ordinal).Replace("<app_id>", "APPID", StringComparison.Ordinal));
        string target = documented.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped).Replace("APPID", _emulator.AppId, StringComparison.Ordinal);
        target = target.Replace("1879b5cf51af4d91a848350caa13adaa", _emulator.AppId, StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod((string)example["method"]!), new Uri(_emulator.Endpoint, target.TrimStart('/')));

        string? contentType = null;
        var headers = example["request_headers"] as JObject ?? new JObject { ["Authorization"] = "Basic <your_base64_encoded_credentials>" };
        foreach (var (name, value) in headers)
        {
            string filled = Fill((string)value!);
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = filled;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, filled);
            }
        }

        if (example["request_body"] is JObject body)
        {
            request.Content = new StringContent(body.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/json");
        }

        return request;
    }

    private string Fill(string value) => value
        .Replace("<your_base64_encoded_credentials>", "{basic}", StringComparison.Ordinal)
        .Replace("<token_value>", "{token}", StringComparison.Ordinal)
        .Replace("007xxxxx", "{token}", StringComparison.Ordinal)
        .Replace("<Your Signaling Token>", "{legacy}", StringComparison.Ordinal)
        .Replace("{basic}", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_emulator.CustomerId}:{_emulator.CustomerSecret}")), StringComparison.Ordinal)
        .Replace("{token}", TestKeys.AccessToken2("userA", issuedAt: _time.GetUtcNow()), StringComparison.Ordinal)
        .Replace("{legacy}", TestKeys.LegacyToken("userA", issuedAt: _time.GetUtcNow()), StringComparison.Ordinal);

    // The documented answer's members, with their JSON types, in what the emulator answered; the 2020 spellings ts and
    // channel_id are matched by today's ms and group_id, which is what the emulator writes (and the SDK reads both).
    private static void Match(JToken documented, JToken? actual, string path)
    {
        if (documented.Type == JTokenType.Null)
        {
            (actual is null || actual.Type == JTokenType.Null).Should().BeTrue($"{path} is documented as null or absent");
            return;
        }

        actual.Should().NotBeNull($"{path} is in the documented answer");
        switch (documented)
        {
            case JObject documentedObject:
                actual.Should().BeOfType<JObject>(path);
                foreach (var (name, value) in documentedObject)
                {
                    var found = actual![name] ?? actual[name switch { "ts" => "ms", "channel_id" => "group_id", _ => name }];
                    if (ServiceChosen.Contains(name))
                    {
                        found.Should().NotBeNull($"{path}.{name} is in the documented answer");
                        found!.Type.Should().Be(value!.Type, $"{path}.{name} has the documented type");
                    }
                    else
                    {
                        Match(value!, found, $"{path}.{name}");
                    }
                }

                break;
            case JArray documentedArray:
                actual.Should().BeOfType<JArray>(path);
                ((JArray)actual!).Should().HaveCount(documentedArray.Count, path);
                for (int i = 0; i < documentedArray.Count; i++)
                {
                    Match(documentedArray[i], actual[i], $"{path}[{i}]");
                }

                break;
            default:
                actual!.Type.Should().Be(documented.Type, path);
                actual.ToString(Newtonsoft.Json.Formatting.None).Should().Be(documented.ToString(Newtonsoft.Json.Formatting.None), path);
                break;
        }
    }
}
