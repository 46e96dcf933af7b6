namespace Agora.Signaling.Tests.Processes;

// The Redis tests' programs, started with the ChildProcess of tests/Processes (linked into this project).
internal sealed partial class ChildProcess
{
    /// <summary>Runs the fleet worker from its own output folder, where its dependencies are (the tests' folder lacks some it needs).</summary>
    public static ChildProcess StartWorker(params string[] arguments)
    {
        string tests = Path.DirectorySeparatorChar + "tests" + Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar;
        string worker = Path.DirectorySeparatorChar + "worker" + Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar;
        return StartDotnet(Path.Combine(AppContext.BaseDirectory.Replace(tests, worker, StringComparison.Ordinal), "Agora.Signaling.FleetWorker.dll"), arguments);
    }

    /// <summary>Runs an assembly with <c>dotnet</c>; a relative path is taken from the tests' folder.</summary>
    public static ChildProcess StartDotnet(string assemblyFile, params string[] arguments) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, assemblyFile), .. arguments]);
}
