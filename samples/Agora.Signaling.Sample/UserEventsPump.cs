using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agora.Signaling.Sample;

/// <summary>Follows Agora's user events for the life of the service and keeps them in <see cref="RecentUserEvents"/>.</summary>
public sealed partial class UserEventsPump : BackgroundService
{
    // Long enough not to hammer an Agora outage, short enough that events (deleted once read) are not left to pile up.
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private readonly ISignalingClient _client;
    private readonly RecentUserEvents _recent;
    private readonly ILogger<UserEventsPump> _logger;
    private readonly UserEventsPumpStatus _status;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="UserEventsPump"/> class.</summary>
    /// <param name="client">The client to pull with.</param>
    /// <param name="recent">Where pulled events are kept.</param>
    /// <param name="logger">Where failed pulls are reported.</param>
    /// <param name="status">Where failed pulls are recorded for <c>/health</c>.</param>
    /// <param name="time">The clock of those records.</param>
    public UserEventsPump(ISignalingClient client, RecentUserEvents recent, ILogger<UserEventsPump> logger, UserEventsPumpStatus status, TimeProvider time)
    {
        _client = client;
        _recent = recent;
        _logger = logger;
        _status = status;
        _time = time;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var batch in _client.ReadUserEventsAsync(new EventPumpOptions { Follow = true }, stoppingToken))
                {
                    _recent.Add(batch);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SignalingException ex)
            {
                // The pump ends at the first failed pull; an outage must not stop the whole host, so start again.
                _status.RecordFailure(_time.GetUtcNow(), ex.Message.ReplaceLineEndings(" "));
                LogPullFailed(ex, RestartDelay);
                try
                {
                    await Task.Delay(RestartDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulling user events failed; following again in {Delay}.")]
    private partial void LogPullFailed(Exception exception, TimeSpan delay);
}
