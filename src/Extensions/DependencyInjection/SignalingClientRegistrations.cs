using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agora.Signaling;

/// <summary>
/// What each registered client keeps for the life of the container: its resolved credential (so token
/// caches survive) and its pipeline state (rate limits, host health), which outlive recycled handlers.
/// </summary>
internal sealed class SignalingClientRegistrations(
    IOptionsMonitor<SignalingClientOptions> options,
    IEnumerable<RegisteredSignalingClient> registered,
    ILoggerFactory? loggerFactory = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Registration>> _registrations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(registered.Select(r => r.Name), StringComparer.Ordinal);

    public static string HttpClientName(string name) => name.Length == 0 ? "Agora.Signaling" : "Agora.Signaling:" + name;

    public Registration Get(string name)
    {
        if (!_known.Contains(name))
        {
            throw new InvalidOperationException($"No Agora Signaling client is registered under the name '{name}'; call AddAgoraSignaling with it.");
        }

        return _registrations.GetOrAdd(name, key => new Lazy<Registration>(() => Create(key))).Value;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations.Values.Where(r => r.IsValueCreated))
        {
            registration.Value.Pipeline.Dispose();
        }
    }

    private Registration Create(string name)
    {
        var current = options.Get(name);
        var logger = (current.LoggerFactory ?? loggerFactory)?.CreateLogger("Agora.Signaling");
        return new Registration(current, current.ResolveCredential(), new SignalingPipeline(current, logger));
    }

    internal sealed record Registration(SignalingClientOptions Options, SignalingCredential Credential, SignalingPipeline Pipeline);
}

/// <summary>Marks a name as registered, so asking for an unknown one fails clearly.</summary>
internal sealed record RegisteredSignalingClient(string Name);

/// <summary>Hands out clients over <c>IHttpClientFactory</c>'s pooled handlers.</summary>
internal sealed class SignalingClientFactory(SignalingClientRegistrations registrations, IHttpClientFactory httpClientFactory) : ISignalingClientFactory
{
    public ISignalingClient CreateClient(string name = "")
    {
        ArgumentNullException.ThrowIfNull(name);
        var registration = registrations.Get(name);
        var http = httpClientFactory.CreateClient(SignalingClientRegistrations.HttpClientName(name));
        return new SignalingClient(http, registration.Options, registration.Credential, ownsHttp: false);
    }
}

/// <summary>Fails start-up with a clear message when options cannot make a working client.</summary>
internal sealed class SignalingClientOptionsValidator : IValidateOptions<SignalingClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SignalingClientOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            string client = string.IsNullOrEmpty(name) ? "Agora Signaling" : $"Agora Signaling client '{name}'";
            return ValidateOptionsResult.Fail($"{client}: {exception.Message}");
        }
    }
}
