namespace Agora.Signaling;

/// <summary>
/// One ordered list of hosts (the primary first) and which of them failed recently. A host that failed is
/// moved behind the healthy ones for <c>cooldown</c>, so the next call does not start with it.
/// </summary>
internal sealed class HostRotation
{
    private readonly Uri[] _hosts;
    private readonly long[] _coolingUntil;
    private readonly TimeSpan _cooldown;
    private readonly TimeProvider _time;

    public HostRotation(Uri primary, IEnumerable<Uri> failover, TimeSpan cooldown, TimeProvider time)
    {
        _hosts = [primary, .. failover.Where(h => !SameHost(h, primary))];
        _coolingUntil = new long[_hosts.Length];
        _cooldown = cooldown;
        _time = time;
    }

    /// <summary>The hosts for a new request: healthy ones in configured order, then those cooling down.</summary>
    /// <remarks>The array returned is shared when every host is healthy, and must not be changed.</remarks>
    public Uri[] Plan() => Plan(_time.GetTimestamp());

    /// <summary>The hosts for a new request as of <paramref name="now"/>, a timestamp of this rotation's clock the caller has read already.</summary>
    /// <remarks>The array returned is shared when every host is healthy, and must not be changed.</remarks>
    public Uri[] Plan(long now)
    {

        // Each host's state is read once: other calls mark hosts meanwhile, and a host read as healthy in one pass
        // and cooling in the other would be placed twice, or not at all.
        Span<bool> cooling = _hosts.Length <= 64 ? stackalloc bool[_hosts.Length] : new bool[_hosts.Length];
        bool anyCooling = false;
        for (int i = 0; i < _hosts.Length; i++)
        {
            cooling[i] = Volatile.Read(ref _coolingUntil[i]) > now;
            anyCooling |= cooling[i];
        }

        // The usual case needs no new array.
        if (!anyCooling)
        {
            return _hosts;
        }

        var plan = new Uri[_hosts.Length];
        int at = 0;
        for (int i = 0; i < _hosts.Length; i++)
        {
            if (!cooling[i])
            {
                plan[at++] = _hosts[i];
            }
        }

        for (int i = 0; i < _hosts.Length; i++)
        {
            if (cooling[i])
            {
                plan[at++] = _hosts[i];
            }
        }

        return plan;
    }

    /// <summary>Gets the configured first host, on which the SDK's generated clients build their URLs.</summary>
    public Uri Primary => _hosts[0];

    /// <summary>Moves a URL built on the primary host onto another host, keeping its path and query byte for byte.</summary>
    public Uri Rebase(Uri requestUri, Uri host)
    {
        string url = requestUri.AbsoluteUri;
        foreach (var known in _hosts)
        {
            if (url.StartsWith(known.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
            {
                return ReferenceEquals(known, host) ? requestUri : new Uri(host.AbsoluteUri + url[known.AbsoluteUri.Length..]);
            }
        }

        return requestUri;
    }

    /// <summary>Agora's order: the first host, retried once, then each next host in turn.</summary>
    public static Uri ForAttempt(Uri[] plan, int attempt) => plan[Math.Clamp(attempt - 1, 0, plan.Length - 1)];

    public void MarkFailed(Uri host) => Set(host, _time.GetTimestamp() + (long)(_cooldown.TotalSeconds * _time.TimestampFrequency));

    public void MarkHealthy(Uri host) => Set(host, 0);

    private static bool SameHost(Uri a, Uri b) => string.Equals(a.AbsoluteUri, b.AbsoluteUri, StringComparison.OrdinalIgnoreCase);

    private void Set(Uri host, long value)
    {
        int index = Array.IndexOf(_hosts, host);
        if (index >= 0)
        {
            Volatile.Write(ref _coolingUntil[index], value);
        }
    }
}
