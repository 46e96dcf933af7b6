using System.Globalization;

namespace Agora.Signaling.FleetWorker;

/// <summary>The command line, read as pairs of option and value after the mode.</summary>
internal sealed record WorkerSettings(string Mode, Uri Url, string AppId, string CustomerId, string CustomerSecret, string? Redis, string Prefix, TimeSpan Duration, int Concurrency, string Sender, TimeSpan LeaseTime, int MessagesPerSecond)
{
    public static WorkerSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Get(string name, string? fallback = null) =>
            values.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"{name} is required.", nameof(args));
        int Number(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new WorkerSettings(
            args.Length > 0 ? args[0] : throw new ArgumentException("The mode (send or pump) is required.", nameof(args)),
            new Uri(Get("--url")),
            Get("--app-id"),
            Get("--customer-id"),
            Get("--customer-secret"),
            values.GetValueOrDefault("--redis"),
            Get("--prefix", "agora-signaling"),
            TimeSpan.FromSeconds(Number("--seconds", 5)),
            Number("--concurrency", 16),
            Get("--sender", "worker"),
            TimeSpan.FromMilliseconds(Number("--lease-ms", 2000)),
            Number("--messages-per-second", 500));
    }
}
