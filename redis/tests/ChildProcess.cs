using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Agora.Signaling.Redis.Tests;

/// <summary>A .NET program the test started with <c>dotnet</c>: its stdout read line by line, its stdin writable, killed on dispose if still running.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Runs the fleet worker from its own output folder, where its dependencies are (the tests' folder lacks some it needs).</summary>
    public static ChildProcess StartWorker(params string[] arguments)
    {
        string tests = Path.DirectorySeparatorChar + "tests" + Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar;
        string worker = Path.DirectorySeparatorChar + "worker" + Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar;
        return StartDotnet(Path.Combine(AppContext.BaseDirectory.Replace(tests, worker, StringComparison.Ordinal), "Agora.Signaling.FleetWorker.dll"), arguments);
    }

    /// <summary>Runs an assembly with <c>dotnet</c>; a relative path is taken from the tests' folder.</summary>
    public static ChildProcess StartDotnet(string assemblyFile, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyFile));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._lines.Writer.TryComplete();
            }
            else
            {
                child._lines.Writer.TryWrite(e.Data);
            }
        };
        child._process.ErrorDataReceived += (_, e) =>
        {
            lock (child._stderr)
            {
                child._stderr.AppendLine(e.Data);
            }
        };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the next line on stdout.</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(limit.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} wrote no line within {timeout} (or ended).\nstderr:\n{Stderr}");
        }
    }

    /// <summary>Every line from now until the process ends or the token is cancelled.</summary>
    public IAsyncEnumerable<string> ReadAllLinesAsync(CancellationToken cancellationToken) => _lines.Reader.ReadAllAsync(cancellationToken);

    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Ends it at once, as a crash would: nothing it would do on the way out is done.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It ended in between.
        }

        _process.Dispose();
    }
}
