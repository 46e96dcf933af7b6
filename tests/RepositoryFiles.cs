namespace Agora.Signaling.Tests;

/// <summary>Finds files of this repository from the test assembly's folder, by walking up to Sdk.sln.</summary>
internal static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sdk.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new DirectoryNotFoundException("Sdk.sln not found above the test assembly.");
    }
}
