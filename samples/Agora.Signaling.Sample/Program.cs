namespace Agora.Signaling.Sample;

/// <summary>The entry point of the sample service.</summary>
internal static class Program
{
    private static Task Main(string[] args) => SampleApp.Build(args).RunAsync();
}
