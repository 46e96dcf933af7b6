using Agora.Signaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Agora.Signaling.Redis.Tests;

/// <summary>One instance of a fleet in this process: its own container, with an <c>AddAgoraSignaling</c> registration against an emulator, coordinated through Redis when given one.</summary>
internal sealed class FleetInstance : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public FleetInstance(SignalingEmulator emulator, string? redis, Action<SignalingClientOptions>? tune = null, Action<RedisCoordinationOptions>? coordination = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(Log)));
        var emulated = emulator.CreateClientOptions();
        var builder = services.AddAgoraSignaling(options =>
        {
            options.AppId = emulated.AppId;
            options.Endpoint = emulated.Endpoint;
            options.HistoryEndpoint = emulated.HistoryEndpoint;
            options.Credential = emulated.Credential;
            tune?.Invoke(options);
        });
        if (redis is not null)
        {
            builder.UseRedisCoordination(redis, coordination);
        }

        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<ISignalingClient>();
    }

    public FakeLogCollector Log { get; } = new();

    /// <summary>
    /// Coordination under its own key prefix, patient with Redis: a loaded test machine can hold an answer past the
    /// default half second, and the tests that use it are about sharing, not timeouts.
    /// </summary>
    public static Action<RedisCoordinationOptions> Patient(string prefix) => c =>
    {
        c.KeyPrefix = prefix;
        c.CommandTimeout = TimeSpan.FromSeconds(2);
    };

    public ISignalingClient Client { get; }

    /// <summary>The records of one event ID, from the Redis coordination's logger.</summary>
    public IReadOnlyList<FakeLogRecord> Logged(int eventId) =>
        Log.GetSnapshot().Where(r => r.Id.Id == eventId && r.Category == "Agora.Signaling.Redis").ToList();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
