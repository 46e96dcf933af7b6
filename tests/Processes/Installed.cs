namespace Agora.Signaling.Tests.Processes;

/// <summary>Finds programs on PATH, as a shell would.</summary>
internal static class Installed
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
