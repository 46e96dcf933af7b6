namespace Agora.Signaling.Cli.Output;

/// <summary>How far a command had got when it failed, which decides what its error report may claim.</summary>
internal enum Progress
{
    /// <summary>The command works on this machine alone and never sends anything.</summary>
    Offline,

    /// <summary>The service has answered nothing yet, so input refused now was refused before sending.</summary>
    NothingAnswered,

    /// <summary>The service answered at least one request: it may have acted (a pull deletes the events it brings).</summary>
    Answered,
}
