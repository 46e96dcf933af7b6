using Polly;
using Polly.Timeout;

namespace Agora.Signaling;

/// <summary>
/// Makes a call's attempts: a permit from the client-side quota (<see cref="RateLimitGate"/>), the host Agora's
/// failover order gives (<see cref="HostRotation"/>), the request bounded by its attempt timeout and the call's
/// budget (<see cref="CallBudget"/>), the body read within its limit (<see cref="ResponseBuffer"/>), and a retry when
/// <see cref="RetryRules"/> allow one (on Polly, after <see cref="Backoff"/>). Sits above
/// <see cref="SignalingAuthenticationHandler"/> so every attempt is authenticated afresh.
/// </summary>
/// <remarks>
/// Everything it decides comes from the operation the request was built for (<see cref="SignalingOperation"/>). A
/// message is resent only when the service cannot have processed it (no connection, or 429), unless
/// <see cref="SignalingRetryOptions.RetrySends"/> allows more; an event pull is not repeated after its answer was
/// lost, since the service deletes the events it returns. A request that is not resent does not move to another host.
/// </remarks>
internal sealed class SignalingResilienceHandler(SignalingPipeline pipeline, bool ownsPipeline) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // NonValidated looks without parsing; reading UserAgent would build its collection on every request.
        if (!request.Headers.NonValidated.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", pipeline.UserAgent);
        }

        var context = RequestContext.Of(request)
            ?? throw new InvalidOperationException("The Agora Signaling handlers send only requests that SignalingClient built for one of its operations.");
        var state = new AttemptState(request, context, pipeline.RotationFor(context.Operation.Hosts), pipeline.StartBudget(), cancellationToken);

        // Most calls succeed at once. The first attempt is made without Polly, which is entered only when there is
        // something to retry: its pipeline, and every async layer, costs time on each call that the benchmarks see.
        var attempt = AttemptAsync(state, cancellationToken);
        return attempt.IsCompletedSuccessfully ? Task.FromResult(attempt.Result) : attempt.AsTask();
    }

    // One attempt: a permit, then the request on the next host, bounded by the attempt timeout and by what is left of
    // the overall one. An attempt never starts once the overall timeout has run out. The first attempt also hands a
    // failure worth retrying to Polly, so a call answered at once passes through this one async method. Pooled: an
    // attempt that waits for the network reuses its state (about 470 bytes) instead of allocating it.
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponseMessage> AttemptAsync(AttemptState state, CancellationToken callToken)
    {
        bool first = state.Attempt == 0;

        // One clock read per attempt (the first uses the budget's start, read moments ago): it gives both what is left
        // of the overall timeout and the attempt's start; only a wait for a permit takes another.
        long now = first ? state.Budget.Started : pipeline.Time.GetTimestamp();
        var remaining = state.Budget.RemainingAt(now);
        if (CallBudget.Spent(remaining))
        {
            return await Finish(state, first, Outcome.FromException<HttpResponseMessage>(state.OutOfTime()), callToken).ConfigureAwait(false);
        }

        // Every attempt counts against Agora's quotas, so every attempt takes a permit: from its operation's (or its
        // channel's) quota, then from the app's global cap on all requests.
        for (int quota = 0; quota < 2; quota++)
        {
            if ((quota == 0 ? pipeline.LimiterFor(state.Context) : pipeline.AllRequestsLimiter) is not { } limiter)
            {
                continue;
            }

            var taking = RateLimitGate.TakeAsync(limiter, state, remaining, pipeline.Telemetry, pipeline.Time, callToken);
            bool waited = !taking.IsCompleted;
            if (await taking.ConfigureAwait(false) is { } refused)
            {
                return await Finish(state, first, Outcome.FromException<HttpResponseMessage>(refused), callToken).ConfigureAwait(false);
            }

            // Only a wait takes time worth counting again.
            if (waited)
            {
                now = pipeline.Time.GetTimestamp();
                remaining = state.Budget.RemainingAt(now);
            }
        }

        // The attempt is made in this same async method, not one of its own (each async layer is time on every call
        // the benchmarks see); its timer and token end with this block, before any retry.
        Outcome<HttpResponseMessage> outcome;
        {
            var timeout = state.Budget.ForAttempt(remaining);
            using var attemptTimeout = TimeoutToken.Start(timeout, callToken, pipeline.Time);
            var cancellationToken = attemptTimeout.Token;
            var host = state.NextHost();
            pipeline.Telemetry.Started(state, host);

            // A 429 or a connection never made leaves the request unprocessed; anything else may have reached the service.
            bool processedBefore = state.MayHaveBeenProcessed;
            long started = now;
            try
            {
                state.MayHaveBeenProcessed = true;
                var response = await base.SendAsync(state.Request, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                state.MayHaveBeenProcessed = RetryRules.MayHaveBeenProcessed(status) || processedBefore;

                string? requestId = ServiceErrorTranslator.FindRequestId(response.Headers);
                var unreadable = await ResponseBuffer.LoadAsync(response, pipeline.MaxResponseBodySize, requestId, cancellationToken).ConfigureAwait(false);
                state.Context.Answered(new SignalingAttempt(host, status, null), requestId);

                // The clock is read for the attempt's duration only when a log or a meter listener will take it.
                if (pipeline.Telemetry.ReportsAnswers)
                {
                    pipeline.Telemetry.Answered(state, host, status, pipeline.Time.GetElapsedTime(started), requestId);
                }

                // A 429 is the app's quota, not the host's health.
                if (RetryRules.IsTransientStatus(status) && status != 429)
                {
                    state.Rotation.MarkFailed(host);
                }
                else
                {
                    state.Rotation.MarkHealthy(host);
                }

                if (unreadable is not null)
                {
                    pipeline.Telemetry.Unreadable(state, status, unreadable.Reason);
                    response.Dispose();
                    outcome = Outcome.FromException<HttpResponseMessage>(unreadable);
                }
                else
                {
                    await pipeline.Telemetry.BodyAsync(state, response, cancellationToken).ConfigureAwait(false);
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
                    Failed(state, host, "timed out", started);
                    outcome = Outcome.FromException<HttpResponseMessage>(CallBudget.Spent(state.Budget.Remaining())
                        ? state.OutOfTime(exception)
                        : new TimeoutRejectedException($"The attempt got no answer within {timeout}.", timeout, exception));
                }
            }
            catch (Exception exception)
            {
                if (RetryRules.NeverSent(exception))
                {
                    state.MayHaveBeenProcessed = processedBefore;
                }

                Failed(state, host, FailureDescription.Of(exception), started);
                outcome = Outcome.FromException<HttpResponseMessage>(exception);
            }
        }

        return await Finish(state, first, outcome, callToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsPipeline)
        {
            pipeline.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Failed(AttemptState state, Uri host, string failure, long started)
    {
        state.Context.Record(new SignalingAttempt(host, null, failure));
        state.Rotation.MarkFailed(host);
        pipeline.Telemetry.Failed(state, host, failure, pipeline.Time.GetElapsedTime(started));
    }

    // Ends an attempt: the first hands a failure worth retrying to Polly; otherwise the outcome is returned or thrown.
    // Completes at once unless Polly is entered, so awaiting it costs nothing on the usual path.
    private ValueTask<HttpResponseMessage> Finish(AttemptState state, bool first, Outcome<HttpResponseMessage> outcome, CancellationToken callToken)
    {
        if (first && pipeline.Retries is { } retries && pipeline.ShouldRetry(state, outcome))
        {
            return RetryAsync(retries, state, outcome, callToken);
        }

        outcome.ThrowIfException();
        return new ValueTask<HttpResponseMessage>(outcome.Result!);
    }

    // Hands a failed first attempt to Polly, which waits and makes the retries. Its backoff waits on a token that the
    // overall timeout cancels, so a wait never outlasts the call's budget.
    private async ValueTask<HttpResponseMessage> RetryAsync(ResiliencePipeline<HttpResponseMessage> retries, AttemptState state, Outcome<HttpResponseMessage> first, CancellationToken cancellationToken)
    {
        using var overall = TimeoutToken.Start(state.Budget.Remaining(), cancellationToken, pipeline.Time);
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
                throw state.OutOfTime(outcome.Exception);
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
