using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Agora.Signaling;

/// <summary>
/// What the resilience handler keeps between requests, built once per client: host health, rate limiters and
/// the Polly pipelines. With <c>IHttpClientFactory</c> handlers are recycled every few minutes, so this state
/// lives apart from them and is shared by every handler of the same named client.
/// </summary>
internal sealed class SignalingPipeline : IDisposable
{
    public static readonly ResiliencePropertyKey<AttemptState> StateKey = new("Agora.Signaling.AttemptState");

    private readonly SignalingRateLimiters _limiters;
    private readonly Dictionary<RequestKind, ResiliencePipeline<HttpResponseMessage>> _pipelines = [];

    public SignalingPipeline(SignalingClientOptions options, ILogger? logger = null)
    {
        Time = options.TimeProvider;
        Logger = logger ?? options.LoggerFactory?.CreateLogger("Agora.Signaling") ?? NullLogger.Instance;
        LogResponseBodies = options.EnableResponseBodyLogging;
        MaxResponseBodySize = options.MaxResponseBodySize;
        UserAgent = SignalingTelemetry.UserAgent(options.ApplicationId);
        Main = new HostRotation(options.Endpoint, (IEnumerable<Uri>?)options.FailoverEndpoints ?? AgoraHosts.FailoverFor(options.Endpoint, options.Region), options.FailedEndpointCooldown, Time);
        History = new HostRotation(options.HistoryEndpoint, options.HistoryFailoverEndpoints, options.FailedEndpointCooldown, Time);
        _limiters = new SignalingRateLimiters(options.RateLimits, Time);
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            _pipelines[kind] = Build(kind, options, _limiters.For(kind));
        }
    }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public bool LogResponseBodies { get; }

    public long MaxResponseBodySize { get; }

    public string UserAgent { get; }

    public HostRotation Main { get; }

    public HostRotation History { get; }

    public ResiliencePipeline<HttpResponseMessage> For(RequestKind kind) => _pipelines[kind];

    public void Dispose() => _limiters.Dispose();

    private ResiliencePipeline<HttpResponseMessage> Build(RequestKind kind, SignalingClientOptions options, System.Threading.RateLimiting.RateLimiter? limiter)
    {
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = Time };
        if (options.OverallTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.OverallTimeout);
        }

        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(TransientFailures.ShouldRetry(kind, retry.RetrySends, args.Outcome)),
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
            });
        }

        if (limiter is not null)
        {
            // Every attempt counts against Agora's quota, so every attempt waits for a permit.
            builder.AddStrategy(_ => new PermitStrategy(limiter, Time, Logger), new PermitStrategy.Options());
        }

        if (options.Timeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.Timeout);
        }

        return builder.Build();
    }
}

/// <summary>One request's progress through its attempts.</summary>
internal sealed class AttemptState(HttpRequestMessage request, HostRotation rotation, Uri[] plan, RequestContext? context, CancellationToken callerToken)
{
    public HttpRequestMessage Request { get; } = request;

    public HostRotation Rotation { get; } = rotation;

    public Uri[] Plan { get; } = plan;

    public RequestContext? Context { get; } = context;

    public CancellationToken CallerToken { get; } = callerToken;

    public string Operation => Context?.Operation ?? "(unknown)";

    public int Attempt { get; set; }

    public Uri? PreviousHost { get; set; }

    /// <summary>Gets or sets the host the request's URL is on, when known: the generated clients build it on the primary.</summary>
    public Uri? UrlHost { get; set; } = context is null ? null : rotation.Primary;
}
