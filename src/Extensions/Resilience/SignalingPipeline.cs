using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

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
    private readonly HostRotation _rest;
    private readonly HostRotation _rtm2;

    public SignalingPipeline(SignalingClientOptions options, ILogger? logger = null)
    {
        Time = options.TimeProvider;
        Telemetry = new AttemptTelemetry(logger ?? options.LoggerFactory?.CreateLogger("Agora.Signaling") ?? NullLogger.Instance, options.EnableResponseBodyLogging);
        MaxResponseBodySize = options.MaxResponseBodySize;
        Timeout = options.Timeout;
        OverallTimeout = options.OverallTimeout;
        RetrySends = options.Retry.RetrySends;
        MaxRetryAfter = options.Retry.MaxRetryAfter;
        UserAgent = SignalingTelemetry.UserAgent(options.ApplicationId);
        _rest = new HostRotation(options.Endpoint, (IEnumerable<Uri>?)options.FailoverEndpoints ?? AgoraHosts.FailoverFor(options.Endpoint, options.Region), options.FailedEndpointCooldown, Time);
        _rtm2 = new HostRotation(options.HistoryEndpoint, options.ResolvedHistoryFailoverEndpoints, options.FailedEndpointCooldown, Time);
        _limiters = new SignalingRateLimiters(options.RateLimits, Time, options.Coordination, options.AppId);
        Retries = options.Retry.MaxRetries > 0 ? BuildRetries(options.Retry) : null;
    }

    public TimeProvider Time { get; }

    public AttemptTelemetry Telemetry { get; }

    public long MaxResponseBodySize { get; }

    /// <summary>Gets the bound on each attempt, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets the bound on a whole call (permit waits, attempts and backoff), or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan OverallTimeout { get; }

    public SendRetryMode RetrySends { get; }

    /// <summary>Gets the longest <c>Retry-After</c> a call waits for.</summary>
    public TimeSpan MaxRetryAfter { get; }

    public string UserAgent { get; }

    /// <summary>The hosts of a family and their health, shared by every call of this client.</summary>
    public HostRotation RotationFor(HostFamily hosts) => hosts == HostFamily.Rtm2 ? _rtm2 : _rest;

    /// <summary>Gets the retry pipeline, or <see langword="null"/> when retries are off; what it retries depends on each call's kind.</summary>
    public ResiliencePipeline<HttpResponseMessage>? Retries { get; }

    public System.Threading.RateLimiting.RateLimiter? LimiterFor(RequestContext context) => _limiters.For(context);

    /// <summary>Gets Agora's global cap on all requests of the app, or <see langword="null"/> when limits are off.</summary>
    public System.Threading.RateLimiting.RateLimiter? AllRequestsLimiter => _limiters.AllRequests;

    /// <summary>Starts a call's budget: its overall timeout counts from now.</summary>
    public CallBudget StartBudget() => new(OverallTimeout, Timeout, Time);

    /// <summary>Whether an outcome is worth another attempt: a transient failure, with time left to make it.</summary>
    public bool ShouldRetry(AttemptState state, Outcome<HttpResponseMessage> outcome) =>
        !state.IsOutOfTime
        && RetryRules.ShouldRetry(state.Kind, RetrySends, outcome)
        && Backoff.Fits(outcome.Result, state.Budget.Remaining(), MaxRetryAfter, Time);

    public void Dispose() => _limiters.Dispose();

    private ResiliencePipeline<HttpResponseMessage> BuildRetries(SignalingRetryOptions retry)
    {
        var options = Backoff.Options(retry, Time);
        options.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.Properties.GetValue(StateKey, null!), args.Outcome));
        options.OnRetry = args =>
        {
            Telemetry.Retrying(args.Context.Properties.GetValue(StateKey, null!), args.RetryDelay, args.Outcome, args.AttemptNumber + 1);
            return default;
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = Time }.AddRetry(options).Build();
    }
}
