using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Processes;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.CrossLanguage;

/// <summary>
/// <c>dotnet agora-signaling.dll emulator --port 0 --json --until-stdin-closes</c> in a process of its own, as a
/// script in another language would start it; owned by the test class, which stops it when done.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    public EmulatorProcess()
    {
        _process = ChildProcess.Start("dotnet", [typeof(CliApp).Assembly.Location, "emulator", "--port", "0", "--json", "--until-stdin-closes"]);
        try
        {
            AnnouncedLine = _process.ReadLineAsync(StartLimit).GetAwaiter().GetResult();
            Announcement = JObject.Parse(AnnouncedLine);
        }
        catch
        {
            _process.Dispose();
            throw;
        }
    }

    /// <summary>Gets the line it printed on stdout once ready, exactly as printed.</summary>
    public string AnnouncedLine { get; }

    public JObject Announcement { get; }

    public Uri Url => new(Announcement["url"]!.Value<string>()!);

    public string AppId => Announcement["appId"]!.Value<string>()!;

    public string CustomerId => Announcement["customerId"]!.Value<string>()!;

    public string CustomerSecret => Announcement["customerSecret"]!.Value<string>()!;

    public string AppCertificate => Announcement["appCertificate"]!.Value<string>()!;

    /// <summary>Closes its standard input, as a parent's exit would, and returns its exit code.</summary>
    public async Task<int> CloseStdinAndWaitAsync()
    {
        _process.CloseStdin();
        return await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public string Stderr => _process.Stderr;

    public void Dispose() => _process.Dispose();
}
