using System.Net.Http.Json;
using System.Text.Json;

namespace Agora.Signaling.Redis.Tests;

/// <summary><c>agora-signaling emulator --port 0 --json --until-stdin-closes</c> in a process of its own, enforcing quotas when given a message quota.</summary>
internal sealed class EmulatorServer : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly ChildProcess _process;
    private readonly HttpClient _control = new();

    private EmulatorServer(ChildProcess process, JsonElement announcement)
    {
        _process = process;
        Url = new Uri(announcement.GetProperty("url").GetString()!);
        AppId = announcement.GetProperty("appId").GetString()!;
        CustomerId = announcement.GetProperty("customerId").GetString()!;
        CustomerSecret = announcement.GetProperty("customerSecret").GetString()!;
    }

    public Uri Url { get; }

    public string AppId { get; }

    public string CustomerId { get; }

    public string CustomerSecret { get; }

    /// <summary>The options a worker needs to reach it.</summary>
    public string[] WorkerArguments => ["--url", Url.AbsoluteUri, "--app-id", AppId, "--customer-id", CustomerId, "--customer-secret", CustomerSecret];

    public static async Task<EmulatorServer> StartAsync(int? messagesQuota, IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] arguments = ["emulator", "--port", "0", "--json", "--until-stdin-closes", .. messagesQuota is { } quota ? new[] { "--enforce-quotas", "--messages-quota", quota.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []];
        var process = ChildProcess.StartDotnet("agora-signaling.dll", arguments, environment);
        try
        {
            return new EmulatorServer(process, JsonDocument.Parse(await process.ReadLineAsync(StartLimit)).RootElement.Clone());
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>When each peer message with the given sender prefix was received, in epoch milliseconds.</summary>
    public async Task<long[]> PeerMessageTimesAsync(string senderPrefix)
    {
        var body = await _control.GetFromJsonAsync<JsonElement>(new Uri(Url, "_emulator/messages?kind=peer"));
        return body.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("fromUserId").GetString()!.StartsWith(senderPrefix, StringComparison.Ordinal) && m.GetProperty("payload").GetString() != "warm-up")
            .Select(m => m.GetProperty("receivedAt").GetInt64())
            .ToArray();
    }

    /// <summary>Queues user events through the control surface.</summary>
    public async Task EnqueueUserEventsAsync(IEnumerable<string> userIds)
    {
        var events = userIds.Select(id => new { userId = id, type = "Login" }).ToArray();
        using var response = await _control.PostAsJsonAsync(new Uri(Url, "_emulator/user-events"), events);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _process.CloseStdin();
        _process.Dispose();
        _control.Dispose();
    }
}
