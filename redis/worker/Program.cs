using Agora.Signaling;
using Agora.Signaling.FleetWorker;
using Microsoft.Extensions.DependencyInjection;

// agora-fleet-worker send|pump --url URL --app-id ID --customer-id ID --customer-secret SECRET [--redis CONFIG] [--prefix P]
//   send: [--seconds S] [--concurrency C] [--sender NAME] [--messages-per-second N]; prints "ready", sends from the line "go" on for S seconds,
//         then prints one line: "sent N too-many N failed N".
//   pump: [--lease-ms L]; prints "ready", then "event USER_ID" for each user event it pulls, until standard input ends.
var settings = WorkerSettings.Parse(args);
var statuses = new StatusCounter();
var services = new ServiceCollection();
var builder = services.AddAgoraSignaling(options =>
{
    options.AppId = settings.AppId;
    options.Endpoint = settings.Url;
    options.HistoryEndpoint = settings.Url;
    options.CustomerId = settings.CustomerId;
    options.CustomerSecret = settings.CustomerSecret;
    options.RateLimits.MessagesPerSecond = settings.MessagesPerSecond;
}).AddHttpMessageHandler(() => statuses);
if (settings.Redis is { } redis)
{
    builder.UseRedisCoordination(redis, coordination =>
    {
        coordination.KeyPrefix = settings.Prefix;
        coordination.PullLeaseTime = settings.LeaseTime;

        // The test machine is shared and busy; the tests are about sharing, not about Redis timeouts.
        coordination.CommandTimeout = TimeSpan.FromSeconds(2);
    });
}

await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<ISignalingClient>();
return settings.Mode switch
{
    "send" => await Worker.SendAsync(client, settings, statuses),
    "pump" => await Worker.PumpAsync(client),
    _ => 2,
};
