namespace Agora.Signaling.Cli.Output;

/// <summary>Turns an exception into an exit code, a message on stderr and, with <c>--json</c>, an error object on stdout.</summary>
internal static class ErrorReporter
{
    // The SDK names its parameters; the user only knows the options.
    private static readonly Dictionary<string, string> OptionsBySdkParameter = new(StringComparer.Ordinal)
    {
        ["fromUserId"] = "--from",
        ["toUserId"] = "--to",
        ["payload"] = "--payload",
        ["channelName"] = "--channel",
        ["userId"] = "--user",
        ["channelType"] = "--channel-type",
        ["start"] = "--start",
        ["end"] = "--end",
        ["messageCount"] = "--count",
        ["AppId"] = "--app-id",
        ["Endpoint"] = "--base-url",
        ["HistoryEndpoint"] = "--history-base-url",
        ["customerId"] = "--customer-id",
        ["customerSecret"] = "--customer-secret",
    };

    public static int Report(Exception exception, CommandOutput output, CancellationToken cancellationToken)
    {
        var (code, details) = exception switch
        {
            UsageException usage => (ExitCodes.BadArguments, Details("usage", usage.Message)),
            ArgumentException argument => (ExitCodes.BadArguments, Details("invalid_input", DescribeRejectedInput(argument))),
            // Status 0 means no answer came at all, so the service was not reached, even if the SDK reports it as a service error.
            SignalingServiceException { Status: 0 } noAnswer => (ExitCodes.Unreachable, Details("unreachable", noAnswer.Message) with { RequestId = noAnswer.RequestId }),
            SignalingServiceException service => (ExitCodes.ServiceError, new ErrorDetailsOutput(
                "service", service.Status, service.ErrorCode, service.Reason, service.RequestId, service.Message)),
            HttpRequestException http => (ExitCodes.Unreachable, Details("unreachable", $"Could not reach the service: {OneLine(http.Message)}")),
            TimeoutException timeout => (ExitCodes.Unreachable, Details("unreachable", OneLine(timeout.Message))),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, Details("cancelled", "Cancelled.")),
            _ => (ExitCodes.UnexpectedError, Details("unexpected", $"Unexpected error ({exception.GetType().Name}): {OneLine(exception.Message)}")),
        };

        Report(details, output);
        return code;
    }

    public static void Report(ErrorDetailsOutput details, CommandOutput output)
    {
        output.Note("error: " + details.Message);
        if (output.IsJson)
        {
            output.Json(new ErrorOutput(details));
        }
    }

    public static ErrorDetailsOutput Details(string kind, string message) => new(kind, null, null, null, null, message);

    private static string DescribeRejectedInput(ArgumentException exception)
    {
        string message = exception.Message;
        string? name = exception.ParamName;
        if (name is not null)
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        message = OneLine(message);
        return name is not null && OptionsBySdkParameter.TryGetValue(name, out string? option)
            ? $"Invalid {option}: {message} Nothing was sent."
            : $"Invalid input{(name is null ? string.Empty : $" ({name})")}: {message} Nothing was sent.";
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
