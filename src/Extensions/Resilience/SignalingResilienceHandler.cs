using Polly;
using Polly.Timeout;

namespace Agora.Signaling;

/// <summary>
/// Retries (on Polly), fails over between hosts, waits for the client-side rate limits, bounds each attempt and the
/// whole call, logs each attempt and records metrics. Sits above <see cref="SignalingAuthenticationHandler"/>
/// so every attempt is authenticated afresh.
/// </summary>
/// <remarks>
/// A peer or channel message is resent only when the service cannot have processed it (no connection, or 429),
/// unless <see cref="SignalingRetryOptions.RetrySends"/> allows more; an event pull is not repeated after its
/// answer was lost, since the service deletes the events it returns. A request that is not resent does not move to another host.
/// </remarks>
public sealed class SignalingResilienceHandler : DelegatingHandler
{
    private readonly SignalingPipeline _pipeline;
    private readonly bool _ownsPipeline;

    /// <summary>Initializes a new instance of the <see cref="SignalingResilienceHandler"/> class from client options.</summary>
    /// <param name="options">The endpoints, retry, timeout, rate-limit and logging settings.</param>
    public SignalingResilienceHandler(SignalingClientOptions options)
        : this(new SignalingPipeline(options ?? throw new ArgumentNullException(nameof(options))), ownsPipeline: true)
    {
    }

    internal SignalingResilienceHandler(SignalingPipeline pipeline, bool ownsPipeline)
    {
        _pipeline = pipeline;
        _ownsPipeline = ownsPipeline;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // NonValidated looks without parsing; reading UserAgent would build its collection on every request.
        if (!request.Headers.NonValidated.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", _pipeline.UserAgent);
        }

        // Everything this handler decides comes from the operation the request was built for.
        var requestContext = RequestContext.Of(request)
            ?? throw new InvalidOperationException("The Agora Signaling handlers send only requests that SignalingClient built for one of its operations.");
        var rotation = _pipeline.RotationFor(requestContext.Operation.Hosts);
        var state = new AttemptState(request, rotation, rotation.Plan(), requestContext, _pipeline.Time.GetTimestamp(), cancellationToken);

        // Most calls succeed at once. The first attempt is made without Polly, which is entered only when there is
        // something to retry: its pipeline, and every async layer, costs time on each call that the benchmarks see.
        return AttemptAsync(state, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsPipeline)
        {
            _pipeline.Dispose();
        }

        base.Dispose(disposing);
    }

    // Hands a failed first attempt to Polly, which waits and makes the retries. Its backoff waits on a token that the
    // overall timeout cancels, so a wait never outlasts the call's budget.
    private async ValueTask<HttpResponseMessage> RetryAsync(ResiliencePipeline<HttpResponseMessage> retries, AttemptState state, Outcome<HttpResponseMessage> first, CancellationToken cancellationToken)
    {
        using var overall = TimeoutToken.Start(Remaining(state), cancellationToken, _pipeline.Time);
        state.Replay = first;
        var context = ResilienceContextPool.Shared.Get(overall.Token);
        context.Properties.Set(SignalingPipeline.StateKey, state);
        try
        {
            var outcome = await retries.ExecuteOutcomeAsync(
                static async (context, handler) =>
                {
                    var state = context.Properties.GetValue(SignalingPipeline.StateKey, null!);
                    if (state.Replay is { } replay)
                    {
                        state.Replay = null;
                        return replay;
                    }

                    try
                    {
                        return Outcome.FromResult(await handler.AttemptAsync(state, context.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception exception)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                this).ConfigureAwait(false);

            // A backoff wait cut short by the overall timeout ends in Polly's cancellation; report it as the timeout it is.
            if (outcome.Exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw OverallTimeoutExceeded(state, outcome.Exception);
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Whether what Remaining gave leaves no time at all.
    private static bool Spent(TimeSpan remaining) => remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero;

    // What is left of the overall timeout, or infinite.
    private TimeSpan Remaining(AttemptState state) =>
        _pipeline.OverallTimeout == Timeout.InfiniteTimeSpan
            ? Timeout.InfiniteTimeSpan
            : _pipeline.OverallTimeout - _pipeline.Time.GetElapsedTime(state.Started);

    // The overall timeout ran out. If no attempt so far can have been processed (none was sent, or each was refused
    // with 429) the request was not delivered, and a plain TimeoutException says so; otherwise the outcome is unknown.
    private Exception OverallTimeoutExceeded(AttemptState state, Exception? inner = null)
    {
        state.OutOfTime = true;
        return state.MayHaveBeenProcessed
            ? new TimeoutRejectedException($"The call did not complete within its overall timeout of {_pipeline.OverallTimeout}.", _pipeline.OverallTimeout, inner!)
            : new TimeoutException($"{state.Operation} was not sent: its overall timeout of {_pipeline.OverallTimeout} ran out before the service could process it{SignalingAttempt.Describe(state.Context.Attempts)}.", inner);
    }

    // Waits for a permit when the window's are spent, for no longer than the overall timeout allows.
    private async ValueTask<Exception?> WaitForPermitAsync(System.Threading.RateLimiting.RateLimiter limiter, AttemptState state, TimeSpan remaining, CancellationToken cancellationToken)
    {
        long started = _pipeline.Time.GetTimestamp();
        using var bound = TimeoutToken.Start(remaining, cancellationToken, _pipeline.Time);
        try
        {
            using var lease = await limiter.AcquireAsync(1, bound.Token).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                return new ObjectDisposedException(nameof(SignalingClient), "The client was disposed while the request waited for the client-side rate limit.");
            }
        }
        catch (OperationCanceledException exception) when (bound.TimedOut)
        {
            return OverallTimeoutExceeded(state, exception);
        }
        catch (OperationCanceledException exception)
        {
            return exception;
        }

        var waited = _pipeline.Time.GetElapsedTime(started);
        SignalingLog.RateLimited(_pipeline.Logger, state.Operation, waited.TotalMilliseconds);
        SignalingTelemetry.RateLimitWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("agora.signaling.operation", state.Operation));
        return null;
    }

    // One attempt: a permit from the client-side rate limit, then the request, bounded by the attempt timeout and by
    // what is left of the overall one. An attempt never starts once the overall timeout has run out. The first attempt
    // also hands a failure worth retrying to Polly, so a call answered at once passes through this one async method.
    private async Task<HttpResponseMessage> AttemptAsync(AttemptState state, CancellationToken callToken)
    {
        bool first = state.Attempt == 0;
        var remaining = Remaining(state);
        if (Spent(remaining))
        {
            return await Finish(state, first, Outcome.FromException<HttpResponseMessage>(OverallTimeoutExceeded(state)), callToken).ConfigureAwait(false);
        }

        // Every attempt counts against Agora's quota, so every attempt takes a permit. The fixed windows spend permits
        // rather than return them, so a lease is released as soon as it is granted.
        if (_pipeline.LimiterFor(state.Context.Operation.RateLimit) is { } limiter)
        {
            using var lease = limiter.AttemptAcquire(1);
            if (!lease.IsAcquired)
            {
                if (await WaitForPermitAsync(limiter, state, remaining, callToken).ConfigureAwait(false) is { } refused)
                {
                    return await Finish(state, first, Outcome.FromException<HttpResponseMessage>(refused), callToken).ConfigureAwait(false);
                }

                // Only a wait takes time worth counting again.
                remaining = Remaining(state);
            }
        }

        // The attempt's timer and token end with this block, before any retry.
        Outcome<HttpResponseMessage> outcome;
        {
            var timeout = remaining == Timeout.InfiniteTimeSpan || (_pipeline.Timeout != Timeout.InfiniteTimeSpan && _pipeline.Timeout < remaining) ? _pipeline.Timeout : remaining;
            using var attemptTimeout = TimeoutToken.Start(timeout, callToken, _pipeline.Time);
            var cancellationToken = attemptTimeout.Token;
            var host = HostRotation.ForAttempt(state.Plan, state.Attempt++);
            string method = state.Request.Method.Method;
            string template = state.Context.Operation.PathTemplate;
            if (state.PreviousHost is { } previous && !ReferenceEquals(previous, host))
            {
                SignalingLog.FailingOver(_pipeline.Logger, state.Operation, SignalingLog.Host(previous), SignalingLog.Host(host));
                SignalingTelemetry.Failovers.Add(1, new KeyValuePair<string, object?>("agora.signaling.operation", state.Operation));
            }

            state.PreviousHost = host;
            // Rewriting a URL builds its text; the SDK's own first attempt is already on the primary host.
            if (!ReferenceEquals(host, state.UrlHost))
            {
                state.Request.RequestUri = state.Rotation.Rebase(state.Request.RequestUri!, host);
                state.UrlHost = host;
            }

            // Describing the host builds a string: only pay for it when the line is written.
            if (_pipeline.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                SignalingLog.AttemptStarted(_pipeline.Logger, state.Operation, method, template, state.Attempt, SignalingLog.Host(host));
            }

            // A 429 or a connection never made leaves the request unprocessed; anything else may have reached the service.
            bool processedBefore = state.MayHaveBeenProcessed;
            long started = _pipeline.Time.GetTimestamp();
            try
            {
                state.MayHaveBeenProcessed = true;
                var response = await base.SendAsync(state.Request, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status == 429)
                {
                    state.MayHaveBeenProcessed = processedBefore;
                }

                string? requestId = ServiceErrorTranslator.FindRequestId(response.Headers);
                long limit = _pipeline.MaxResponseBodySize;

                // A declared length over the cap is refused before a byte of the body is read.
                var unreadable = response.Content.Headers.ContentLength > limit ? UnreadableResponseException.TooLarge(status, requestId, limit) : null;
                try
                {
                    if (unreadable is null)
                    {
                        // Read the body inside the attempt, so a connection dropped mid-body is retried (or reported) like any
                        // other. The cap counts bytes as they come out of decompression, so a small gzip bomb is stopped too,
                        // and reading stops (dropping the connection) as soon as the cap is passed.
                        await response.Content.LoadIntoBufferAsync(limit, cancellationToken).ConfigureAwait(false);
                        ReadAsUtf8IfCharsetUnknown(response.Content);
                    }
                }
                catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
                {
                    unreadable = UnreadableResponseException.TooLarge(status, requestId, limit, exception);
                }
                catch (InvalidDataException exception)
                {
                    unreadable = new UnreadableResponseException(status, requestId, "The response body could not be decompressed as its Content-Encoding says.", exception);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }

                var elapsed = _pipeline.Time.GetElapsedTime(started);
                state.Context.Answered(new SignalingAttempt(host, status, null), requestId);
                if (_pipeline.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
                {
                    SignalingLog.AttemptAnswered(_pipeline.Logger, state.Operation, method, template, status, elapsed.TotalMilliseconds, state.Attempt, SignalingLog.Host(host), requestId is null ? null : SignalingLog.OneLine(requestId, 128));
                }

                Record(state, host, status, elapsed);
                if (TransientFailures.IsTransientStatus(status) && status != 429)
                {
                    state.Rotation.MarkFailed(host);
                }
                else
                {
                    state.Rotation.MarkHealthy(host);
                }

                if (unreadable is not null)
                {
                    SignalingLog.ResponseUnreadable(_pipeline.Logger, state.Operation, status, unreadable.Reason);
                    response.Dispose();
                    outcome = Outcome.FromException<HttpResponseMessage>(unreadable);
                }
                else
                {
                    if (_pipeline.LogResponseBodies && _pipeline.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
                    {
                        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                        SignalingLog.ResponseBody(_pipeline.Logger, state.Operation, body.Length, SignalingLog.OneLine(body, 4096));
                    }

                    outcome = Outcome.FromResult(response);
                }
            }
            catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
            {
                // The caller's cancellation goes back as it came; anything else that cancelled the attempt was a timeout.
                if (state.CallerToken.IsCancellationRequested)
                {
                    outcome = Outcome.FromException<HttpResponseMessage>(exception);
                }
                else
                {
                    Failed(state, host, method, template, "timed out", started);
                    outcome = Outcome.FromException<HttpResponseMessage>(Spent(Remaining(state))
                        ? OverallTimeoutExceeded(state, exception)
                        : new TimeoutRejectedException($"The attempt got no answer within {timeout}.", timeout, exception));
                }
            }
            catch (Exception exception)
            {
                if (TransientFailures.NeverSent(exception))
                {
                    state.MayHaveBeenProcessed = processedBefore;
                }

                Failed(state, host, method, template, TransientFailures.Describe(exception), started);
                outcome = Outcome.FromException<HttpResponseMessage>(exception);
            }
        }

        return await Finish(state, first, outcome, callToken).ConfigureAwait(false);
    }

    // Ends an attempt: the first hands a failure worth retrying to Polly; otherwise the outcome is returned or thrown.
    // Completes at once unless Polly is entered, so awaiting it costs nothing on the usual path.
    private ValueTask<HttpResponseMessage> Finish(AttemptState state, bool first, Outcome<HttpResponseMessage> outcome, CancellationToken callToken)
    {
        if (first && _pipeline.RetriesFor(state.Kind) is { } retries && _pipeline.ShouldRetry(state.Kind, state, outcome))
        {
            return RetryAsync(retries, state, outcome, callToken);
        }

        outcome.ThrowIfException();
        return new ValueTask<HttpResponseMessage>(outcome.Result!);
    }

    private void Failed(AttemptState state, Uri host, string method, string template, string failure, long started)
    {
        var elapsed = _pipeline.Time.GetElapsedTime(started);
        state.Context.Record(new SignalingAttempt(host, null, failure));
        state.Rotation.MarkFailed(host);
        SignalingLog.AttemptFailed(_pipeline.Logger, state.Operation, method, template, failure, elapsed.TotalMilliseconds, state.Attempt, SignalingLog.Host(host));
        Record(state, host, failure, elapsed);
    }

    private static void Record(AttemptState state, Uri host, int status, TimeSpan elapsed)
    {
        // The status is turned into a tag only when someone listens: most processes never do.
        if (SignalingTelemetry.AttemptDuration.Enabled)
        {
            Record(state, host, status.ToString(System.Globalization.CultureInfo.InvariantCulture), elapsed);
        }
    }

    private static void Record(AttemptState state, Uri host, string outcome, TimeSpan elapsed) =>
        SignalingTelemetry.AttemptDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("agora.signaling.operation", state.Operation),
            new KeyValuePair<string, object?>("agora.signaling.outcome", outcome),
            new KeyValuePair<string, object?>("server.address", host.Host));

    // Agora answers UTF-8 JSON; a charset .NET does not know would make every later read of the body throw.
    private static void ReadAsUtf8IfCharsetUnknown(HttpContent content)
    {
        if (content.Headers.ContentType is { CharSet: { Length: > 0 } } contentType && RestResponseReader.DeclaredEncoding(content) is null)
        {
            contentType.CharSet = "utf-8";
        }
    }
}
