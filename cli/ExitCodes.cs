namespace Agora.Signaling.Cli;

/// <summary>The process exit codes; scripts branch on them, so they never change meaning.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed that none of the other codes describes: a bug in the tool.</summary>
    public const int UnexpectedError = 1;

    /// <summary>The arguments could not be parsed, a setting is missing, or the SDK rejected the input before sending.</summary>
    public const int BadArguments = 2;

    /// <summary>The service answered with an error.</summary>
    public const int ServiceError = 3;

    /// <summary>The service could not be reached or did not answer in time.</summary>
    public const int Unreachable = 4;

    /// <summary><c>token inspect</c> read the token, but its signature does not verify with the app certificate given.</summary>
    public const int TokenInvalid = 5;

    /// <summary>The user interrupted a command that is not meant to run until interrupted (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
