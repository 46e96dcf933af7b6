using System.Globalization;
using WireMock;

namespace Agora.Signaling.Testing;

// Quota enforcement: off unless asked for, so that tests which send freely are not refused. When on, it shows what a
// fleet of clients without a shared limiter earns: 429s.
public sealed partial class SignalingEmulator
{
    private readonly Dictionary<string, (long Second, int Count)> _quotaWindows = new(StringComparer.Ordinal);
    private EmulatorQuotas? _quotas;
    private long _quotaRefusals;

    /// <summary>Gets how many requests have been refused with 429 for exceeding a quota.</summary>
    public long QuotaRefusals => Interlocked.Read(ref _quotaRefusals);

    /// <summary>
    /// Enforces per-app-ID quotas from now on: a request past its quota's limit in the current second of the emulator's
    /// clock is answered 429 with <c>Retry-After: 1</c>, and does not count against the quota.
    /// </summary>
    /// <param name="quotas">The limits, or <see langword="null"/> for Agora's documented ones (<see cref="EmulatorQuotas"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is less than 1.</exception>
    public void EnforceQuotas(EmulatorQuotas? quotas = null)
    {
        quotas ??= new EmulatorQuotas();
        ArgumentOutOfRangeException.ThrowIfLessThan(quotas.MessagesPerSecond, 1, nameof(quotas));
        ArgumentOutOfRangeException.ThrowIfLessThan(quotas.EventPullsPerSecond, 1, nameof(quotas));
        ArgumentOutOfRangeException.ThrowIfLessThan(quotas.HistoryRequestsPerSecond, 1, nameof(quotas));
        ArgumentOutOfRangeException.ThrowIfLessThan(quotas.PublishesPerChannelPerSecond, 1, nameof(quotas));
        lock (_gate)
        {
            _quotas = new EmulatorQuotas
            {
                MessagesPerSecond = quotas.MessagesPerSecond,
                EventPullsPerSecond = quotas.EventPullsPerSecond,
                HistoryRequestsPerSecond = quotas.HistoryRequestsPerSecond,
                PublishesPerChannelPerSecond = quotas.PublishesPerChannelPerSecond,
            };
            _quotaWindows.Clear();
        }
    }

    // The 429 for a request over its quota, or null when it may go on (or quotas are not enforced).
    private ResponseMessage? RefuseOverQuota(string[] segments, bool isRtm2)
    {
        lock (_gate)
        {
            if (_quotas is null || Quota(segments, _quotas) is not var (name, limit))
            {
                return null;
            }

            long second = _time.GetUtcNow().ToUnixTimeSeconds();
            var window = _quotaWindows.GetValueOrDefault(name);
            if (window.Second != second)
            {
                window = (second, 0);
            }

            if (window.Count >= limit)
            {
                Interlocked.Increment(ref _quotaRefusals);
                var refused = isRtm2 ? HistoryError(429, "Too many requests") : DevError(429, "Too many requests");
                refused.AddHeader("Retry-After", 1.ToString(CultureInfo.InvariantCulture));
                return refused;
            }

            _quotaWindows[name] = (second, window.Count + 1);
            return null;
        }
    }

    // Which quota a request counts against, from its path; a path that names no API operation counts against none. A
    // 2.x publish counts against the quota of its channel alone, keyed by app ID, channel type and channel name.
    private static (string Name, int Limit)? Quota(string[] segments, EmulatorQuotas quotas) => segments switch
    {
        ["dev", "v2", "project", _, "rtm", "users", _, "peer_messages" or "channel_messages"] => ("messages", quotas.MessagesPerSecond),
        ["dev", "v2", "project", _, "rtm", "vendor", "user_events" or "channel_events"] => ("event-pulls", quotas.EventPullsPerSecond),
        ["dev", "v2", "project", _, "rtm", "message", "history", ..] or ["rtm", "v2", "history", ..] => ("history", quotas.HistoryRequestsPerSecond),
        ["rtm", "v2", "publish", var app, "userId", _, "channelType", var type, "channel", var channel] =>
            ($"publish/{app}/{type}/{channel}", quotas.PublishesPerChannelPerSecond),
        _ => null,
    };
}
