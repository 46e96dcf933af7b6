using Agora.Signaling.Benchmarks.Baseline;
using Agora.Signaling.Benchmarks.Loopback;

namespace Agora.Signaling.Benchmarks.Profiling;

/// <summary>
/// The calls the profiling modes run, by name: each operation through the SDK or by hand over loopback, the same
/// over an in-memory handler ("-canned"), the generated client alone or through the SDK's handlers, SDK variants with
/// features switched off, and tuned calls with one of the SDK's costs added (its headers, async layers, a spin, much
/// code run once); any target with "+swept" after its name runs from cold caches.
/// </summary>
public static class BenchTargets
{
    private const string TokenAppId = "970CA35de60c44645bbae8a215061b33";
    private const string TokenCertificate = "5CFd2fd1755d40ecb72977518be15d3b";

    private static readonly Uri CannedEndpoint = new("http://127.0.0.1:9/");

    /// <summary>Starts the loopback server in a process of its own and creates a target's call against it.</summary>
    public static Run Start(string target, string[] switches)
    {
        var server = ServerProcess.Start();
        var sdk = BenchClients.Sdk(server.Endpoint, messagesPerSecond: 100_000);
        var (handWritten, http) = BenchClients.HandWritten(server.Endpoint);
        return new Run(server, sdk, http, Create(target, switches, server.Endpoint, sdk, handWritten));
    }

    /// <summary>Creates the call a target names; <paramref name="switches"/> turn features of the SDK variants off.</summary>
    public static Func<Task> Create(string target, string[] switches, Uri endpoint, SignalingClient sdk, HandWrittenSignalingClient handWritten) => target switch
    {
        "sdk-peer" => () => sdk.SendPeerMessageAsync("userA", "userB", "Hello"),
        "sdk-events" => () => sdk.GetUserEventsAsync(),
        "sdk-history" => () => sdk.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom"),
        "hand-peer" => () => handWritten.SendPeerMessageAsync("userA", "userB", "Hello"),
        "hand-events" => () => handWritten.GetUserEventsAsync(),
        "hand-history" => () => handWritten.GetMessageHistoryAsync("Tony", "chatroom"),
        "sdk-channel" => () => sdk.SendChannelMessageAsync("userA", "chatroom", "Hello"),
        "hand-channel" => () => handWritten.SendChannelMessageAsync("userA", "chatroom", "Hello"),
        "tuned-peer" => Tuned(endpoint, null, c => c.SendPeerMessageAsync("userA", "userB", "Hello")),
        "tuned-channel" => Tuned(endpoint, null, c => c.SendChannelMessageAsync("userA", "chatroom", "Hello")),
        "tuned-events" => Tuned(endpoint, null, c => c.GetUserEventsAsync()),
        "tuned-events-extra-frames" => Tuned(endpoint, null, c => TwoFramesAsync(c)),
        "tuned-events-sdk-headers" => TunedWithSdkHeaders(endpoint, c => c.GetUserEventsAsync()),
        // The same, after a spin as long as the SDK's own extra CPU on a canned answer (about 0.8 µs): the SDK's loopback
        // cost if its work cost there what it costs in a loop.
        "tuned-events-like-sdk" => TunedWithSdkHeaders(endpoint, c => { Thread.SpinWait(30); return c.GetUserEventsAsync(); }),
        "tuned-peer-sdk-headers" => TunedWithSdkHeaders(endpoint, c => c.SendPeerMessageAsync("userA", "userB", "Hello")),
        // The tuned call after work of about 4-5 µs: code run hot (a spin) or much code run once (ColdCode).
        "tuned-events-spin" => Tuned(endpoint, null, c => { Thread.SpinWait(200); return c.GetUserEventsAsync(); }),
        "tuned-events-cold-code" => Tuned(endpoint, null, c => { ColdCode.Run(); return c.GetUserEventsAsync(); }),
        "spin" => Sync(() => { Thread.SpinWait(200); return 0; }),
        "sweep" => Sync(() => { CacheSweep.Run(); return 0; }),
        "cold-code" => Sync(() => { ColdCode.Run(); return 0; }),
        "tuned-history" => Tuned(endpoint, null, c => c.GetMessageHistoryAsync("Tony", "chatroom")),
        "tuned-canned" => Tuned(CannedEndpoint, CannedResponseHandler.MessageSent(), c => c.SendPeerMessageAsync("userA", "userB", "Hello")),
        "sdk-canned" => CannedSdk(switches, null),

        // The no-network benchmark's call (limiter off) whatever the switches say, to compare a variant against it in one run.
        "sdk-canned-default" => CannedSdk(["no-limit"], null),
        "sdk-peer-variant" => CannedSdk(switches, endpoint),
        "sdk-events-variant" => SdkEvents(new SignalingClient(VariantOptions(switches, endpoint))),
        "generated-events" => GeneratedEvents(endpoint),
        "generated-events-handlers" => GeneratedEventsThroughHandlers(VariantOptions(switches, endpoint)),
        "hand-canned" => CannedHandWritten(),
        "sdk-events-canned" => CannedSdkEvents(switches),
        "hand-events-canned" => CannedHandWrittenEvents(),
        "sdk-history-canned" => CannedSdkHistory(switches),
        "sdk-history-large-canned" => CannedSdkHistory(switches, LargeHistoryPage()),
        "hand-history-canned" => CannedHandWrittenHistory(),
        "generated-canned" => CannedGenerated(),
        "token-006" => Sync(() => SignalingTokenBuilder.BuildLegacyAccessToken(TokenAppId, TokenCertificate, "test_user", TimeSpan.FromHours(1))),
        "token-006-getint32" => Sync(() => SignalingTokenBuilder.BuildLegacyAccessToken(TokenAppId, TokenCertificate, "test_user", TimeSpan.FromHours(1), DateTimeOffset.UtcNow, GetInt32Salt())),
        "token-007" => Sync(() => SignalingTokenBuilder.BuildAccessToken2(TokenAppId, TokenCertificate, "test_user", TimeSpan.FromHours(1))),
        "token-007-getint32" => Sync(() => SignalingTokenBuilder.BuildAccessToken2(TokenAppId, TokenCertificate, "test_user", TimeSpan.FromHours(1), DateTimeOffset.UtcNow, GetInt32Salt())),
        "salt" => Sync(SignalingTokenBuilder.NewSalt),
        "salt-getint32" => Sync(GetInt32Salt),
        _ when target.EndsWith(SweptSuffix, StringComparison.Ordinal) => Swept(Create(target[..^SweptSuffix.Length], switches, endpoint, sdk, handWritten)),
        _ when Scaled(target) is { } scaled => scaled,
        _ => throw new ArgumentException($"Unknown target '{target}'.", nameof(target)),
    };

    // "sdk-events-canned:1000", "hand-history-canned:100": a canned target whose answer holds that many events or messages.
    private static Func<Task>? Scaled(string target)
    {
        if (target.Split(':') is not [var name, var size] || !int.TryParse(size, System.Globalization.CultureInfo.InvariantCulture, out int count))
        {
            return null;
        }

        return name switch
        {
            "sdk-events-canned" => SdkEvents(new SignalingClient(VariantOptions([], CannedEndpoint), new CannedResponseHandler(ScaledPayloads.UserEvents(count)))),
            "hand-events-canned" => HandWrittenEvents(new CannedResponseHandler(ScaledPayloads.UserEvents(count))),
            "sdk-history-canned" => CannedSdkHistory([], ScaledPayloads.History(count)),
            "hand-history-canned" => HandWrittenHistory(new CannedResponseHandler(ScaledPayloads.History(count))),
            "tuned-events-canned" => Tuned(CannedEndpoint, new CannedResponseHandler(ScaledPayloads.UserEvents(count)), c => c.GetUserEventsAsync()),
            "tuned-history-canned" => Tuned(CannedEndpoint, new CannedResponseHandler(ScaledPayloads.History(count)), c => c.GetMessageHistoryAsync("Tony", "chatroom")),
            _ => null,
        };
    }

    private const string SweptSuffix = "+swept";

    // "sdk-canned+swept": the call from cold caches (CacheSweep before each); "sweep" times the sweep alone.
    private static Func<Task> Swept(Func<Task> call) => () =>
    {
        CacheSweep.Run();
        return call();
    };

    // The tuned call inside two more async methods, each awaiting the next: what an async layer costs on loopback.
    private static async Task<int> TwoFramesAsync(TunedSignalingClient client) => await OneFrameAsync(client).ConfigureAwait(false) + 1;

    private static async Task<int> OneFrameAsync(TunedSignalingClient client)
    {
        var events = await client.GetUserEventsAsync().ConfigureAwait(false);
        return events is null ? 0 : 1;
    }

    // The tuned call with the two headers the SDK adds to every request (Accept and User-Agent), to weigh them alone.
    private static Func<Task> TunedWithSdkHeaders(Uri endpoint, Func<TunedSignalingClient, Task> call)
    {
        var (client, http) = BenchClients.Tuned(endpoint);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/json");
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", SignalingTelemetry.UserAgent(null));
        return () => call(client);
    }

    // The tuned hand-written client over loopback (no transport) or an in-memory handler.
    private static Func<Task> Tuned(Uri endpoint, HttpMessageHandler? transport, Func<TunedSignalingClient, Task> call)
    {
        var (client, _) = BenchClients.Tuned(endpoint, transport);
        return () => call(client);
    }

    private static Func<Task> HandWrittenEvents(HttpMessageHandler transport)
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, transport);
        return () => client.GetUserEventsAsync();
    }

    private static Func<Task> HandWrittenHistory(HttpMessageHandler transport)
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, transport);
        return () => client.GetMessageHistoryAsync("Tony", "chatroom");
    }

    // The salt as the builder drew it before a per-thread buffer: one RandomNumberGenerator.GetInt32 call per token.
    private static uint GetInt32Salt() => (uint)System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 100_000_000);

    // Token building is synchronous; the wrapper's completed task costs the same on both sides of a comparison.
    // The result goes to a field, so the call is not optimised away, without boxing a uint.
    private static Func<Task> Sync<T>(Func<T> call) => () =>
    {
        Sink<T>.Value = call();
        return Task.CompletedTask;
    };

    // Variants of the SDK, in memory or over loopback, to find which feature costs: "no-retry", "no-timeout", "no-limit".
    private static Func<Task> CannedSdk(string[] switches, Uri? loopback)
    {
        var sdk = loopback is null ? new SignalingClient(VariantOptions(switches, CannedEndpoint), CannedResponseHandler.MessageSent()) : new SignalingClient(VariantOptions(switches, loopback));
        return () => sdk.SendPeerMessageAsync("userA", "userB", "Hello");
    }

    private static SignalingClientOptions VariantOptions(string[] switches, Uri endpoint)
    {
        var options = BenchClients.Options(endpoint, switches.Contains("no-limit") ? null : 100_000);
        if (switches.Contains("no-retry"))
        {
            options.Retry.MaxRetries = 0;
        }

        if (switches.Contains("no-timeout"))
        {
            options.Timeout = Timeout.InfiniteTimeSpan;
            options.OverallTimeout = Timeout.InfiniteTimeSpan;
        }

        return options;
    }

    // The NSwag client alone over the loopback server, through the same transport settings as the hand-written one.
    private static Func<Task> GeneratedEvents(Uri endpoint) => GeneratedEventsOver(BenchClients.HandWritten(endpoint).Http, endpoint);

    // The NSwag client over the SDK's own handler stack and transport, without SignalingClient's call around it.
    private static Func<Task> GeneratedEventsThroughHandlers(SignalingClientOptions options)
    {
        var handlers = SignalingHandlerStack.Create(new SignalingPipeline(options), ownsPipeline: true, options.ResolveCredential(), options);
        return GeneratedEventsOver(SignalingHandlerStack.CreateHttpClient(handlers, SignalingHandlerStack.CreateTransport(options)), options.Endpoint);
    }

    // A user-event pull through the generated client alone, over whatever HttpClient the target built.
    private static Func<Task> GeneratedEventsOver(HttpClient http, Uri endpoint)
    {
        var generated = new EventsRestClient(http, new SignalingEndpoints(endpoint, endpoint));
        return () => generated.GetUserEventsAsync(FixedResponseServer.AppId, RequestContext.Create(SignalingOperations.GetUserEvents, null, new SecretMask()), CancellationToken.None).AsTask();
    }

    // The NSwag client alone over a plain HttpClient: no validation, handlers, retries or context.
    private static Func<Task> CannedGenerated()
    {
        var generated = new MessagesRestClient(new HttpClient(CannedResponseHandler.MessageSent()), new SignalingEndpoints(CannedEndpoint, CannedEndpoint));
        return () => generated.SendPeerMessageAsync(FixedResponseServer.AppId, "userA", null, new PeerMessageRequest { Destination = "userB", Payload = "Hello" }, RequestContext.Create(SignalingOperations.SendPeerMessage, "userA", new SecretMask()), CancellationToken.None).AsTask();
    }

    private static Func<Task> CannedSdkEvents(string[] switches) =>
        SdkEvents(new SignalingClient(VariantOptions(switches, CannedEndpoint), new CannedResponseHandler(FixedResponseServer.UserEventsJson)));

    private static Func<Task> SdkEvents(SignalingClient sdk) => () => sdk.GetUserEventsAsync();

    private static Func<Task> CannedSdkHistory(string[] switches, string? json = null)
    {
        var sdk = new SignalingClient(VariantOptions(switches, CannedEndpoint), new CannedResponseHandler(json ?? FixedResponseServer.HistoryJson));
        return () => sdk.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");
    }

    private static Func<Task> CannedHandWrittenHistory()
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, new CannedResponseHandler(FixedResponseServer.HistoryJson));
        return () => client.GetMessageHistoryAsync("Tony", "chatroom");
    }

    private static Func<Task> CannedHandWrittenEvents()
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, new CannedResponseHandler(FixedResponseServer.UserEventsJson));
        return () => client.GetUserEventsAsync();
    }

    private static Func<Task> CannedHandWritten()
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, CannedResponseHandler.MessageSent());
        return () => client.SendPeerMessageAsync("userA", "userB", "Hello");
    }

    // A full page near the worst case: 100 messages of 30,000 characters, about 3 MB of JSON.
    private static string LargeHistoryPage()
    {
        string text = new('x', 30_000);
        var messages = string.Join(",", Enumerable.Range(1, 100).Select(i => $$"""{"messageType":"STRING","message":"{{text}}","customType":"text","publisher":"Tony","timestamp":{{i}}}"""));
        return "{\"errorCode\":200,\"error\":false,\"requestId\":\"1121_1234231\",\"data\":{\"messageList\":[" + messages + "],\"count\":100,\"newStart\":0}}";
    }

    /// <summary>A target's call with the server and clients behind it; disposing it stops them.</summary>
    public sealed class Run(ServerProcess server, SignalingClient sdk, HttpClient http, Func<Task> call) : IDisposable
    {
        public ServerProcess Server { get; } = server;

        public Func<Task> Call { get; } = call;

        public void Dispose()
        {
            sdk.Dispose();
            http.Dispose();
            Server.Dispose();
        }
    }
}

/// <summary>Where a timed call's result goes, so that the JIT cannot drop the call.</summary>
internal static class Sink<T>
{
    public static T? Value;
}
