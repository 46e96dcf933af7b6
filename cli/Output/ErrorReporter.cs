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
        ["message"] = "--payload",

        // Of the SDK's options objects, only a publish's is refused for a value: its custom type.
        ["options"] = "--custom-type",
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
        ["appId"] = "--app-id",
        ["appCertificate"] = "--app-certificate",
        ["lifetime"] = "--expire",
        ["issuedAt"] = "--issued-at",
        ["MaxRetries"] = "--max-retries",
    };

    /// <summary>Reports <paramref name="exception"/> and returns the exit code it stands for.</summary>
    /// <param name="exception">What went wrong.</param>
    /// <param name="output">Where to report it.</param>
    /// <param name="cancellationToken">The run's token, to tell an interruption from a timeout.</param>
    /// <param name="progress">How far the command had got: rejected input is said to have sent nothing only when the service has answered nothing.</param>
    public static int Report(Exception exception, CommandOutput output, CancellationToken cancellationToken, Progress progress)
    {
        string nothingSent = progress switch
        {
            Progress.NothingAnswered => " Nothing was sent.",
            Progress.Answered => " The requests before it were sent; this one was not.",
            _ => string.Empty,
        };
        var (code, details) = exception switch
        {
            UsageException usage => (ExitCodes.BadArguments, Details("usage", usage.Message)),

            // Found by the SDK before sending: an expired token, a request made as another user than the token's.
            SignalingCredentialException credential => (ExitCodes.BadArguments, Details("invalid_input", $"The credential cannot be used: {OneLine(credential.Message)}{nothingSent}")),
            SignalingTokenFormatException format => (ExitCodes.BadArguments, Details("invalid_input", $"Not a well-formed token: {OneLine(format.Message)}")),

            // Exit 2 promises that the input was refused before sending; once the service has answered, an argument
            // error comes from what it answered or from this tool, not from the command line.
            ArgumentException argument when progress != Progress.Answered => (ExitCodes.BadArguments, Details("invalid_input", DescribeRejectedInput(argument) + nothingSent)),
            SignalingServiceException service => (ExitCodes.ServiceError, new ErrorDetailsOutput(
                "service", service.Status, service.ErrorCode, service.Reason, service.RequestId, service.Message)),
            // An answered outcome-unknown is still the service's error; with no answer at all it was not reached.
            SignalingOutcomeUnknownException { Status: not 0, InnerException: SignalingServiceException service } => (ExitCodes.ServiceError, new ErrorDetailsOutput(
                "service", service.Status, service.ErrorCode, service.Reason, service.RequestId, exception.Message)),
            SignalingTransportException transport => (ExitCodes.Unreachable, Details("unreachable", $"Could not reach the service: {OneLine(transport.Message)}")),
            SignalingException { Status: 0 } noAnswer => (ExitCodes.Unreachable, Details("unreachable", OneLine(noAnswer.Message)) with { RequestId = noAnswer.RequestId }),
            SignalingException answered => (ExitCodes.ServiceError, new ErrorDetailsOutput(
                "service", answered.Status, null, null, answered.RequestId, answered.Message)),

            // The tool's own requests (reading a running emulator's credentials) are not the SDK's.
            HttpRequestException http => (ExitCodes.Unreachable, Details("unreachable", $"Could not reach the service: {OneLine(http.Message)}")),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, Details("cancelled", "Cancelled.")),
            _ => (ExitCodes.UnexpectedError, Details("unexpected", $"Unexpected error ({exception.GetType().Name}){(progress == Progress.Answered ? " after the service had answered" : string.Empty)}: {OneLine(exception.Message)}")),
        };

        Report(details, output);
        return code;
    }

    public static void Report(ErrorDetailsOutput details, CommandOutput output)
    {
        // The message may quote the service (its reason, a request ID); JSON keeps it exact, the terminal gets it escaped.
        output.Note("error: " + PrintableText.Escape(details.Message));
        if (output.IsJson)
        {
            output.Json(new ErrorOutput(details));
        }
    }

    public static ErrorDetailsOutput Details(string kind, string message) => new(kind, null, null, null, null, message);

    /// <summary>The message of an <see cref="ArgumentException"/> on one line, without the parameter name the runtime appends.</summary>
    public static string PlainMessage(ArgumentException exception)
    {
        string message = exception.Message;
        if (exception.ParamName is { } name)
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return OneLine(message);
    }

    private static string DescribeRejectedInput(ArgumentException exception)
    {
        string message = PlainMessage(exception);
        string? name = exception.ParamName;
        return name is not null && OptionsBySdkParameter.TryGetValue(name, out string? option)
            ? $"Invalid {option}: {message}"
            : $"Invalid input{(name is null ? string.Empty : $" ({name})")}: {message}";
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
