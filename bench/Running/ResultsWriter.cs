using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace Agora.Signaling.Benchmarks.Running;

/// <summary>Writes each summary as Markdown under <c>bench/results/</c>, the files committed with the code they measure.</summary>
public static class ResultsWriter
{
    public static string Directory => Path.Combine(RepositoryRoot(), "bench", "results");

    public static void Write(Summary summary, string mode)
    {
        var type = summary.BenchmarksCases.First().Descriptor.Type;
        var log = new AccumulationLogger();
        MarkdownExporter.GitHub.ExportToLog(summary, log);
        string text =
            $"# {type.Name}\n\n" +
            $"{Describe(type)}\n\n" +
            $"Run on {DateTime.UtcNow:yyyy-MM-dd} in {mode} mode (`dotnet run -c Release --project bench{(mode == "quick" ? " -- --quick" : string.Empty)}`).\n\n" +
            log.GetLog().Trim() + "\n";
        WriteMarkdownAsync(type.Name + ".md", text).GetAwaiter().GetResult();
    }

    /// <summary>Writes one results file under <c>bench/results/</c> and says where.</summary>
    public static async Task WriteMarkdownAsync(string fileName, string text)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, fileName);
        await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
        Console.WriteLine($"Results written to {path}");
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        return System.IO.Directory.GetCurrentDirectory();
    }

    private static string Describe(Type type) =>
        type.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false) is [System.ComponentModel.DescriptionAttribute description, ..]
            ? description.Description
            : string.Empty;
}
