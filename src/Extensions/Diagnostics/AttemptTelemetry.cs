using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;

namespace Agora.Signaling;

/// <summary>
/// What the resilience handler reports about each attempt, as log events (<see cref="SignalingLog"/>) and metrics
/// (<see cref="SignalingTelemetry"/>). Text that costs something to build is built only when someone listens.
/// </summary>
internal sealed class AttemptTelemetry(ILogger logger, bool logResponseBodies)
{
    private const string OperationTag = "agora.signaling.operation";

    public ILogger Logger { get; } = logger;

    public void Started(AttemptState state, Uri host)
    {
        if (state.PreviousHost is { } previous && !ReferenceEquals(previous, host))
        {
            SignalingLog.FailingOver(Logger, state.Operation, SignalingLog.Host(previous), SignalingLog.Host(host));
            SignalingTelemetry.Failovers.Add(1, new KeyValuePair<string, object?>(OperationTag, state.Operation));
        }

        if (Logger.IsEnabled(LogLevel.Debug))
        {
            SignalingLog.AttemptStarted(Logger, state.Operation, state.Method, state.PathTemplate, state.Attempt, SignalingLog.Host(host));
        }
    }

    /// <summary>Gets a value indicating whether an answered attempt is logged or measured: if not, its duration need not be read.</summary>
    public bool ReportsAnswers => Logger.IsEnabled(LogLevel.Information) || SignalingTelemetry.AttemptDuration.Enabled;

    public void Answered(AttemptState state, Uri host, int status, TimeSpan elapsed, string? requestId)
    {
        if (Logger.IsEnabled(LogLevel.Information))
        {
            SignalingLog.AttemptAnswered(Logger, state.Operation, state.Method, state.PathTemplate, status, elapsed.TotalMilliseconds, state.Attempt, SignalingLog.Host(host), requestId is null ? "none" : SignalingLog.OneLine(state.Context.Secrets.Apply(requestId)!, 128));
        }

        // The status is turned into a tag only when someone listens: most processes never do.
        if (SignalingTelemetry.AttemptDuration.Enabled)
        {
            Record(state, host, status.ToString(CultureInfo.InvariantCulture), elapsed);
        }
    }

    public void Failed(AttemptState state, Uri host, string failure, TimeSpan elapsed)
    {
        SignalingLog.AttemptFailed(Logger, state.Operation, state.Method, state.PathTemplate, failure, elapsed.TotalMilliseconds, state.Attempt, SignalingLog.Host(host));
        Record(state, host, failure, elapsed);
    }

    public void Unreadable(AttemptState state, int status, string reason) => SignalingLog.ResponseUnreadable(Logger, state.Operation, status, reason);

    /// <summary>Logs a buffered response body, when asked to in the options and the debug level is on.</summary>
    public async ValueTask BodyAsync(AttemptState state, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (logResponseBodies && Logger.IsEnabled(LogLevel.Debug))
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            SignalingLog.ResponseBody(Logger, state.Operation, body.Length, SignalingLog.OneLine(state.Context.Secrets.Apply(body)!, 4096));
        }
    }

    public void RateLimited(AttemptState state, TimeSpan waited)
    {
        SignalingLog.RateLimited(Logger, state.Operation, waited.TotalMilliseconds);
        SignalingTelemetry.RateLimitWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(OperationTag, state.Operation));
    }

    public void Retrying(AttemptState state, TimeSpan delay, Outcome<HttpResponseMessage> outcome, int retry)
    {
        string failure = outcome.Exception is { } exception
            ? FailureDescription.Of(exception)
            : ((int)outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
        SignalingLog.Retrying(Logger, state.Operation, delay.TotalMilliseconds, failure, retry);
        SignalingTelemetry.Retries.Add(1, new KeyValuePair<string, object?>(OperationTag, state.Operation));
    }

    private static void Record(AttemptState state, Uri host, string outcome, TimeSpan elapsed) =>
        SignalingTelemetry.AttemptDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(OperationTag, state.Operation),
            new KeyValuePair<string, object?>("agora.signaling.outcome", outcome),
            new KeyValuePair<string, object?>("server.address", host.Host));
}
