namespace Agora.Signaling.Sample;

/// <summary>The entry point of the sample service.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var app = SampleApp.Build(args);

        // Checked before starting: a failure inside StartAsync is logged with its stack trace, then thrown again unhandled.
        if (SampleApp.ConfigurationError(app) is { } error)
        {
            await Console.Error.WriteLineAsync($"The service cannot start: {error} Set it in user secrets or environment variables (see README).");
            return 1;
        }

        await app.RunAsync();
        return 0;
    }
}
