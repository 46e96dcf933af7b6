using Polly;

namespace Agora.Signaling;

/// <summary>
/// Retries, fails over between hosts, waits for the client-side rate limits, bounds each attempt and the whole
/// call (on Polly), logs each attempt and records metrics. Sits above <see cref="SignalingAuthenticationHandler"/>
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
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // NonValidated looks without parsing; reading UserAgent would build its collection on every request.
        if (!request.Headers.NonValidated.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", _pipeline.UserAgent);
        }

        // The SDK's own calls name their operation; any other request is classified by its method and path.
        var requestContext = RequestContext.Of(request);
        var (kind, history) = requestContext is null ? RequestKinds.Of(request.Method, request.RequestUri!.AbsolutePath) : RequestKinds.Of(requestContext.Operation);
        var rotation = history ? _pipeline.History : _pipeline.Main;
        var state = new AttemptState(request, rotation, rotation.Plan(), requestContext, cancellationToken);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(SignalingPipeline.StateKey, state);
        try
        {
            var outcome = await _pipeline.For(kind).ExecuteOutcomeAsync(
                static (context, handler) => handler.AttemptAsync(context.Properties.GetValue(SignalingPipeline.StateKey, null!), context.CancellationToken),
                context,
                this).ConfigureAwait(false);
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
        if (disposing && _ownsPipeline)
        {
            _pipeline.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        var host = HostRotation.ForAttempt(state.Plan, state.Attempt++);
        string method = state.Request.Method.Method;
        string template = SignalingLog.PathTemplate(state.Operation);
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

        long started = _pipeline.Time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(state.Request, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
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
            state.Context?.Answered(new SignalingAttempt(host, status, null), requestId);
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
                return Outcome.FromException<HttpResponseMessage>(unreadable);
            }

            if (_pipeline.LogResponseBodies && _pipeline.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
            {
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                SignalingLog.ResponseBody(_pipeline.Logger, state.Operation, body.Length, SignalingLog.OneLine(body, 4096));
            }

            return Outcome.FromResult(response);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // Polly's attempt timeout cancelled us (it reports TimeoutRejectedException); or the caller did.
            if (!state.CallerToken.IsCancellationRequested)
            {
                Failed(state, host, method, template, "timed out", started);
            }

            return Outcome.FromException<HttpResponseMessage>(exception);
        }
        catch (Exception exception)
        {
            Failed(state, host, method, template, TransientFailures.Describe(exception), started);
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
    }

    private void Failed(AttemptState state, Uri host, string method, string template, string failure, long started)
    {
        var elapsed = _pipeline.Time.GetElapsedTime(started);
        state.Context?.Record(new SignalingAttempt(host, null, failure));
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
        if (content.Headers.ContentType is not { CharSet: { Length: > 0 } charset } contentType)
        {
            return;
        }

        try
        {
            _ = System.Text.Encoding.GetEncoding(charset is ['"', .. var quoted, '"'] ? quoted : charset);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            contentType.CharSet = "utf-8";
        }
    }
}
