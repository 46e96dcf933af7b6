namespace Agora.Signaling.Tests.Processes;

// The Redis tests' programs, started with the ChildProcess of tests/Processes (linked into this project).
internal sealed partial class ChildProcess
{
    /// <summary>
    /// The environment of a process that must keep pace from its first second: without tiered compilation each method
    /// is compiled once, fully optimized, before it first runs, instead of starting slow and being compiled again
    /// while the test's clock runs (a stall a two-core machine sees as messages bunched into one second).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CompiledOnce = new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" };

    /// <summary>Runs the fleet worker from its own output folder, where its dependencies are (the tests' folder lacks some it needs).</summary>
    public static ChildProcess StartWorker(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        string tests = Path.DirectorySeparatorChar + "tests" + Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar;
        string worker = Path.DirectorySeparatorChar + "worker" + Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar;
        return StartDotnet(Path.Combine(AppContext.BaseDirectory.Replace(tests, worker, StringComparison.Ordinal), "Agora.Signaling.FleetWorker.dll"), arguments, environment);
    }

    /// <summary>Runs an assembly with <c>dotnet</c>; a relative path is taken from the tests' folder.</summary>
    public static ChildProcess StartDotnet(string assemblyFile, string[] arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, assemblyFile), .. arguments], environment);
}
