using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Agora.Signaling;

/// <summary>
/// Retries, fails over between hosts, waits for the client-side rate limits and bounds each attempt and the
/// whole call, on Polly. Sits above <see cref="SignalingAuthenticationHandler"/> so every attempt is authenticated afresh.
/// </summary>
/// <remarks>
/// A peer or channel message is resent only when the service cannot have processed it (no connection, or 429),
/// unless <see cref="SignalingRetryOptions.RetrySends"/> allows more; an event pull is not repeated after its
/// answer was lost, since the service deletes the events it returns. A request that is not resent does not move to another host.
/// </remarks>
public sealed class SignalingResilienceHandler : DelegatingHandler
{
    /// <summary>The largest response body read; Agora's largest, 1,000 events, is far below it.</summary>
    private const long MaxResponseBytes = 16 * 1024 * 1024;

    private readonly HostRotation _main;
    private readonly HostRotation _history;
    private readonly SignalingRateLimiters _limiters;
    private readonly Dictionary<RequestKind, ResiliencePipeline<HttpResponseMessage>> _pipelines = [];

    /// <summary>Initializes a new instance of the <see cref="SignalingResilienceHandler"/> class from client options.</summary>
    /// <param name="options">The endpoints, retry, timeout and rate-limit settings.</param>
    public SignalingResilienceHandler(SignalingClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = options.TimeProvider;
        _main = new HostRotation(options.Endpoint, (IEnumerable<Uri>?)options.FailoverEndpoints ?? AgoraHosts.FailoverFor(options.Endpoint, options.Region), options.FailedEndpointCooldown, time);
        _history = new HostRotation(options.HistoryEndpoint, options.HistoryFailoverEndpoints, options.FailedEndpointCooldown, time);
        _limiters = new SignalingRateLimiters(options.RateLimits, time);
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            _pipelines[kind] = Build(kind, options, _limiters.For(kind));
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = RequestKinds.Of(request);
        var rotation = request.RequestUri!.AbsolutePath.Contains("/rtm/v2/history/", StringComparison.Ordinal) ? _history : _main;
        var state = new AttemptState(this, request, rotation, rotation.Plan(), RequestContext.Of(request), cancellationToken);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await _pipelines[kind].ExecuteOutcomeAsync(static (context, state) => state.Handler.AttemptAsync(state, context.CancellationToken), context, state).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _limiters.Dispose();
        }

        base.Dispose(disposing);
    }

    private static ResiliencePipeline<HttpResponseMessage> Build(RequestKind kind, SignalingClientOptions options, System.Threading.RateLimiting.RateLimiter? limiter)
    {
        var time = options.TimeProvider;
        var retry = options.Retry;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
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
                DelayGenerator = args => ValueTask.FromResult(TransientFailures.RetryAfter(args.Outcome.Result, time)),
            });
        }

        if (limiter is not null)
        {
            // Every attempt counts against Agora's quota, so every attempt waits for a permit.
            builder.AddRateLimiter(limiter);
        }

        if (options.Timeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.Timeout);
        }

        return builder.Build();
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        var host = HostRotation.ForAttempt(state.Plan, state.Attempt++);
        state.Request.RequestUri = state.Rotation.Rebase(state.Request.RequestUri!, host);
        try
        {
            var response = await base.SendAsync(state.Request, cancellationToken).ConfigureAwait(false);

            // Read the body inside the attempt, so a connection dropped mid-body is retried (or reported) like any other.
            try
            {
                await response.Content.LoadIntoBufferAsync(MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            int status = (int)response.StatusCode;
            state.Context?.Record(new SignalingAttempt(host, status, null));
            if (TransientFailures.IsTransientStatus(status) && status != 429)
            {
                state.Rotation.MarkFailed(host);
            }
            else
            {
                state.Rotation.MarkHealthy(host);
            }

            return Outcome.FromResult(response);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // Polly's attempt timeout cancelled us (it reports TimeoutRejectedException); or the caller did.
            if (!state.CallerToken.IsCancellationRequested)
            {
                state.Context?.Record(new SignalingAttempt(host, null, "timed out"));
                state.Rotation.MarkFailed(host);
            }

            return Outcome.FromException<HttpResponseMessage>(exception);
        }
        catch (Exception exception)
        {
            state.Context?.Record(new SignalingAttempt(host, null, TransientFailures.Describe(exception)));
            state.Rotation.MarkFailed(host);
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
    }

    private sealed class AttemptState(SignalingResilienceHandler handler, HttpRequestMessage request, HostRotation rotation, Uri[] plan, RequestContext? context, CancellationToken callerToken)
    {
        public CancellationToken CallerToken { get; } = callerToken;

        public SignalingResilienceHandler Handler { get; } = handler;

        public HttpRequestMessage Request { get; } = request;

        public HostRotation Rotation { get; } = rotation;

        public Uri[] Plan { get; } = plan;

        public RequestContext? Context { get; } = context;

        public int Attempt { get; set; }
    }
}
