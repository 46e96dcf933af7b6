namespace Agora.Signaling;

// What every operation shares: the call itself, its telemetry and its failures, and the client's own pipeline.
public partial class SignalingClient
{
    // Makes the call and turns every failure into a SignalingException that says what happened. `finish` throws for an error
    // reported inside a 200 body; it runs in here so the activity records that failure too. The call's arguments
    // travel as a value-type state to static lambdas: no closure and no second state machine per call. The context
    // is handed to the generated method, which puts it on the request it builds.
    private async Task<T> CallAsync<TState, T>(SignalingOperation operation, TState state, Func<TState, RequestContext, CancellationToken, ValueTask<T>> call, Func<T, RequestContext, T> finish, CancellationToken cancellationToken, string? userId = null, string? rateLimitKey = null)
    {
        var context = RequestContext.Create(operation, userId, _credential.Secrets, rateLimitKey);
        string name = operation.Name;
        using var activity = SignalingTelemetry.ActivitySource.StartActivity(name, System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("agora.signaling.operation", name);
        activity?.SetTag("agora.signaling.app_id", AppId);
        try
        {
            var result = await call(state, context, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("agora.signaling.attempts", context.Attempts.Count);
            return finish(result, context);
        }
        catch (Exception exception) when (Failed(activity, exception, context))
        {
            throw;
        }
        catch (RestApiException exception)
        {
            throw ForAnswer(operation, ServiceErrorTranslator.FromRestApiException(name, exception, context));
        }
        catch (UnreadableResponseException exception)
        {
            throw ForAnswer(operation, new SignalingServiceException(name, exception.Status, reason: exception.Reason, requestId: context.Secrets.Apply(exception.RequestId), innerException: exception, attempts: context.Attempts));
        }
        catch (CredentialFailure exception)
        {
            throw new SignalingCredentialException(name, exception.Message, exception.InnerException, context.Attempts);
        }
        catch (Exception exception) when (_disposed && exception is OperationCanceledException or ObjectDisposedException && !cancellationToken.IsCancellationRequested
            && (!context.MayHaveBeenProcessed || operation.Kind == RequestKind.Read))
        {
            // Disposing the client cancels what it has in flight. A call still waiting (for a permit, or after a 429) was
            // not processed, and a read is safe either way; a send that may have been keeps its "outcome unknown" below.
            throw new ObjectDisposedException(nameof(SignalingClient), context.MayHaveBeenProcessed
                ? $"The client was disposed while {name} was waiting for its answer."
                : $"The client was disposed before {name} was sent; nothing was sent.");
        }
        catch (Exception exception) when (RetryRules.NeverSent(exception))
        {
            throw new SignalingTransportException(name, exception, context.Attempts);
        }
        catch (Exception exception) when (RetryRules.AnswerLost(exception) || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (operation.Kind != RequestKind.Read)
            {
                throw new SignalingOutcomeUnknownException(name, 0, null, exception, context.Attempts);
            }

            throw exception is Polly.Timeout.TimeoutRejectedException or OperationCanceledException
                ? SignalingTimeoutException.NoAnswer(name, context.Attempts, exception)
                : new SignalingTransportException(name, exception, context.Attempts);
        }
    }

    private static SignalingException ForAnswer(SignalingOperation operation, SignalingServiceException error) =>
        RetryRules.LeavesOutcomeUnknown(operation.Kind, error.Status)
            ? new SignalingOutcomeUnknownException(operation.Name, error.Status, error.RequestId, error, error.Attempts)
            : error;

    // Marks the activity and lets the exception through to the translating handlers below.
    private static bool Failed(System.Diagnostics.Activity? activity, Exception exception, RequestContext context)
    {
        activity?.SetTag("agora.signaling.attempts", context.Attempts.Count);
        activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
        return false;
    }

    private static HttpClient CreateHttpClient(SignalingClientOptions options, HttpMessageHandler transport, bool ownsTransport, out SignalingCredential credential)
    {
        ArgumentNullException.ThrowIfNull(transport);
        try
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            credential = options.ResolveCredential();
        }
        catch when (ownsTransport)
        {
            transport.Dispose();
            throw;
        }

        var handlers = SignalingHandlerStack.Create(new SignalingPipeline(options), ownsPipeline: true, credential, options);
        return SignalingHandlerStack.CreateHttpClient(handlers, ownsTransport ? transport : new BorrowedHandler(transport));
    }
}
