namespace Agora.Signaling.Testing;

/// <summary>
/// A failure the emulator answers one request with: a status (with an optional <c>Retry-After</c>), a slow
/// answer, or a connection dropped mid-answer; either before the request is processed or after.
/// </summary>
public sealed record EmulatorFault
{
    private EmulatorFault(EmulatorFaultKind kind)
    {
        Kind = kind;
    }

    /// <summary>Gets what the fault does.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>Gets the status answered by a <see cref="EmulatorFaultKind.Status"/> fault.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Gets the <c>Retry-After</c> sent with a status, if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Gets how long a <see cref="EmulatorFaultKind.Delay"/> fault holds the answer.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>
    /// Gets a value indicating whether the request is processed (a message recorded, events removed) before the fault:
    /// the case where the service did the work but its answer was lost.
    /// </summary>
    public bool AfterProcessing { get; private init; }

    /// <summary>Answers with a status and an error body; by default the request is not processed.</summary>
    /// <param name="statusCode">The status, such as 429 or 503.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> to send, in whole seconds.</param>
    /// <param name="afterProcessing">Whether the request is processed first.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Status(int statusCode, TimeSpan? retryAfter = null, bool afterProcessing = false) =>
        new(EmulatorFaultKind.Status) { StatusCode = statusCode, RetryAfter = retryAfter, AfterProcessing = afterProcessing };

    /// <summary>Processes the request normally but holds the answer, for timeout tests.</summary>
    /// <param name="delay">How long to hold it.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Slow(TimeSpan delay) => new(EmulatorFaultKind.Delay) { Delay = delay, AfterProcessing = true };

    /// <summary>Starts an answer and breaks it off, so the client sees the connection drop.</summary>
    /// <param name="afterProcessing">Whether the request is processed first; by default it is, as when a response is lost.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault DropConnection(bool afterProcessing = true) => new(EmulatorFaultKind.DropConnection) { AfterProcessing = afterProcessing };
}

/// <summary>What an <see cref="EmulatorFault"/> does.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answers with an error status.</summary>
    Status,

    /// <summary>Answers late.</summary>
    Delay,

    /// <summary>Breaks the answer off.</summary>
    DropConnection,
}
