using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Agora.Signaling;

/// <summary>
/// What the resilience handler keeps between requests, built once per client: host health, rate limiters, timeouts
/// and the Polly retry pipelines. With <c>IHttpClientFactory</c> handlers are recycled every few minutes, so this
/// state lives apart from them and is shared by every handler of the same named client.
/// </summary>
internal sealed class SignalingPipeline : IDisposable
{
    public static readonly ResiliencePropertyKey<AttemptState> StateKey = new("Agora.Signaling.AttemptState");

    private readonly SignalingRateLimiters _limiters;
    private readonly Dictionary<RequestKind, ResiliencePipeline<HttpResponseMessage>> _retries = [];

    public SignalingPipeline(SignalingClientOptions options, ILogger? logger = null)
    {
        Time = options.TimeProvider;
        Logger = logger ?? options.LoggerFactory?.CreateLogger("Agora.Signaling") ?? NullLogger.Instance;
        LogResponseBodies = options.EnableResponseBodyLogging;
        MaxResponseBodySize = options.MaxResponseBodySize;
        Timeout = options.Timeout;
        OverallTimeout = options.OverallTimeout;
        RetrySends = options.Retry.RetrySends;
        UserAgent = SignalingTelemetry.UserAgent(options.ApplicationId);
        Main = new HostRotation(options.Endpoint, (IEnumerable<Uri>?)options.FailoverEndpoints ?? AgoraHosts.FailoverFor(options.Endpoint, options.Region), options.FailedEndpointCooldown, Time);
        History = new HostRotation(options.HistoryEndpoint, options.HistoryFailoverEndpoints, options.FailedEndpointCooldown, Time);
        _limiters = new SignalingRateLimiters(options.RateLimits, Time);
        if (options.Retry.MaxRetries > 0)
        {
            foreach (var kind in Enum.GetValues<RequestKind>())
            {
                _retries[kind] = BuildRetries(kind, options.Retry);
            }
        }
    }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public bool LogResponseBodies { get; }

    public long MaxResponseBodySize { get; }

    /// <summary>Gets the bound on each attempt, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets the bound on a whole call (permit waits, attempts and backoff), or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan OverallTimeout { get; }

    public SendRetryMode RetrySends { get; }

    public string UserAgent { get; }

    public HostRotation Main { get; }

    public HostRotation History { get; }

    public HostRotation RotationFor(HostFamily hosts) => hosts == HostFamily.Rtm2 ? History : Main;

    /// <summary>Gets the retry pipeline of a kind of request, or <see langword="null"/> when retries are off.</summary>
    public ResiliencePipeline<HttpResponseMessage>? RetriesFor(RequestKind kind) => _retries.GetValueOrDefault(kind);

    public System.Threading.RateLimiting.RateLimiter? LimiterFor(RateLimitBucket bucket) => _limiters.For(bucket);

    public void Dispose() => _limiters.Dispose();

    private ResiliencePipeline<HttpResponseMessage> BuildRetries(RequestKind kind, SignalingRetryOptions retry) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = Time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(kind, args.Context.Properties.GetValue(StateKey, null!), args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(TransientFailures.RetryAfter(args.Outcome.Result, Time)),
                OnRetry = args =>
                {
                    string operation = args.Context.Properties.GetValue(StateKey, null!)?.Operation ?? "(unknown)";
                    string outcome = args.Outcome.Exception is { } exception
                        ? TransientFailures.Describe(exception)
                        : ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    SignalingLog.Retrying(Logger, operation, args.RetryDelay.TotalMilliseconds, outcome, args.AttemptNumber + 1);
                    SignalingTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("agora.signaling.operation", operation));
                    return default;
                },
            })
            .Build();

    /// <summary>Whether an outcome is worth another attempt: a transient failure, with time left to make it.</summary>
    public bool ShouldRetry(RequestKind kind, AttemptState? state, Outcome<HttpResponseMessage> outcome) =>
        state is not { OutOfTime: true } && TransientFailures.ShouldRetry(kind, RetrySends, outcome);
}

/// <summary>One request's progress through its attempts.</summary>
internal sealed class AttemptState(HttpRequestMessage request, HostRotation rotation, Uri[] plan, RequestContext context, long started, CancellationToken callerToken)
{
    public RequestKind Kind => Context.Operation.Kind;

    /// <summary>Gets when the call began, on the client's <see cref="TimeProvider"/>: the overall timeout counts from here.</summary>
    public long Started { get; } = started;

    /// <summary>Gets or sets a value indicating whether an attempt so far may have been processed: it was sent and not refused with 429.</summary>
    public bool MayHaveBeenProcessed { get; set; }

    /// <summary>Gets or sets a value indicating whether the overall timeout has run out, so no attempt may start.</summary>
    public bool OutOfTime { get; set; }

    /// <summary>Gets or sets the first attempt's outcome, which the retry pipeline is handed instead of making that attempt again.</summary>
    public Outcome<HttpResponseMessage>? Replay { get; set; }

    public HttpRequestMessage Request { get; } = request;

    public HostRotation Rotation { get; } = rotation;

    public Uri[] Plan { get; } = plan;

    public RequestContext Context { get; } = context;

    public CancellationToken CallerToken { get; } = callerToken;

    public string Operation => Context.Operation.Name;

    public int Attempt { get; set; }

    public Uri? PreviousHost { get; set; }

    /// <summary>Gets or sets the host the request's URL is on: the generated clients build it on the primary.</summary>
    public Uri UrlHost { get; set; } = rotation.Primary;
}
