using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling;

/// <summary>
/// Turns whatever the generated clients report into one <see cref="SignalingServiceException"/>:
/// the single place that knows both error envelopes (snake_case and the history API's camelCase).
/// </summary>
internal static class ServiceErrorTranslator
{
    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-agora-request-id", "request-id"];

    public static SignalingServiceException FromRestApiException(string operation, RestApiException exception, RequestContext context)
    {
        // Whatever the service wrote is masked before it is kept: an echoed credential must not be repeated.
        var secrets = context.Secrets;
        var body = ReadErrorBody(exception.Response);
        string? requestId = secrets.Apply(body.RequestId ?? FindRequestId(exception.Headers));
        string? reason = secrets.Apply(body.Reason);
        if (exception.StatusCode == 200)
        {
            // The documented success status reaches here only when the body could not be deserialized.
            reason ??= "The response body could not be read as the documented JSON.";
        }
        else if (exception.StatusCode is > 200 and < 300)
        {
            reason ??= $"The service answered {exception.StatusCode}, which this operation does not document.";
        }
        else if (exception.StatusCode is >= 300 and < 400)
        {
            // Redirects are never followed: a message or a credential must not reach a host the user did not choose.
            reason = $"The service answered a redirect{Destination(exception.Headers)}, which the SDK does not follow; nothing was sent there.";
        }
        else if (!body.IsJson && !string.IsNullOrWhiteSpace(exception.Response))
        {
            reason ??= "The response body is not JSON.";
        }

        // Neither the RestApiException (the whole body, every header) nor the parser's exception (which can quote a
        // value from the body) is kept: ResponseBody holds what may be kept of the answer.
        return new SignalingServiceException(
            operation,
            exception.StatusCode,
            secrets.Apply(body.Code),
            reason,
            requestId,
            secrets.Apply(exception.Response),
            innerException: null,
            context.Attempts);
    }

    private static string Destination(IReadOnlyDictionary<string, IEnumerable<string>> headers)
    {
        string? location = headers.FirstOrDefault(h => string.Equals(h.Key, "Location", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(location))
        {
            return string.Empty;
        }

        return Uri.TryCreate(location.Trim(), UriKind.Absolute, out var target) && target.IsAbsoluteUri && !string.IsNullOrEmpty(target.Host)
            ? $" to {SignalingLog.Host(target)}"
            : " to another path";
    }

    /// <summary>Throws when a 200 answer of the /dev/v2/project family says <c>result: failed</c>.</summary>
    public static void ThrowIfFailed(string? result, string? code, string? requestId, RequestContext context)
    {
        if (string.Equals(result, "failed", StringComparison.OrdinalIgnoreCase))
        {
            throw new SignalingServiceException(context.Operation.Name, 200, context.Secrets.Apply(code), "The service answered result \"failed\".", context.Secrets.Apply(requestId ?? context.AnsweredRequestId), attempts: context.Attempts);
        }
    }

    /// <summary>Throws when a 200 answer of the history API says <c>error: true</c>.</summary>
    public static void ThrowIfFailed(MessageHistoryResponse response, RequestContext context) =>
        ThrowIfFailed(response.Error, response.ErrorCode, response.Reason, response.RequestId, context);

    /// <summary>Throws when a 200 answer in the 2.x envelope (history, publish) says <c>error: true</c> or another <c>errorCode</c>.</summary>
    public static void ThrowIfFailed(bool? error, int? errorCode, string? reason, string? requestId, RequestContext context)
    {
        if (error == true || (errorCode is int code && code != 200))
        {
            throw new SignalingServiceException(
                context.Operation.Name,
                200,
                errorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.IsNullOrEmpty(reason) ? "The service answered error: true." : context.Secrets.Apply(reason),
                context.Secrets.Apply(requestId ?? context.AnsweredRequestId),
                attempts: context.Attempts);
        }
    }

    private static ErrorBody ReadErrorBody(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            // DateParseHandling.None: a date-like reason or request ID must stay exactly as the service wrote it.
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            if (JToken.Load(reader) is not JObject json)
            {
                return new ErrorBody(IsJson: true);
            }

            return new ErrorBody(
                IsJson: true,
                Code: Scalar(json, "code") ?? Scalar(json, "errorCode") ?? Scalar(json, "error_code"),
                Reason: Scalar(json, "reason") ?? Scalar(json, "message") ?? Scalar(json, "error_description"),
                RequestId: Scalar(json, "request_id") ?? Scalar(json, "requestId"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Scalar(JObject json, string name) =>
        json.TryGetValue(name, StringComparison.Ordinal, out var token) && token is JValue { Value: not null } value
            ? Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>The first request ID header Agora or a proxy in front of it sends, raw.</summary>
    /// <remarks>
    /// One pass over the headers there are, without parsing or copying them: it runs on every answer, and a lookup by name
    /// would parse each candidate name first. The earlier candidate wins when several are sent.
    /// </remarks>
    public static string? FindRequestId(System.Net.Http.Headers.HttpResponseHeaders headers)
    {
        string? found = null;
        int rank = RequestIdHeaders.Length;
        foreach (var (name, values) in headers.NonValidated)
        {
            for (int candidate = 0; candidate < rank; candidate++)
            {
                if (string.Equals(name, RequestIdHeaders[candidate], StringComparison.OrdinalIgnoreCase))
                {
                    foreach (string value in values)
                    {
                        found = value;
                        rank = candidate;
                        break;
                    }

                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The first request ID header Agora or a proxy in front of it sends, raw.</summary>
    public static string? FindRequestId(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        foreach (var (name, values) in headers)
        {
            foreach (string candidate in RequestIdHeaders)
            {
                if (string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase))
                {
                    return values.FirstOrDefault();
                }
            }
        }

        return null;
    }

    private readonly record struct ErrorBody(bool IsJson = false, string? Code = null, string? Reason = null, string? RequestId = null);
}
