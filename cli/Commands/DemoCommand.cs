using System.CommandLine;
using Agora.Signaling.Cli.Output;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>demo</c>: every operation once against the embedded emulator, to see the SDK work without an account.</summary>
internal static class DemoCommand
{
    private const string Sender = "alice";
    private const string Receiver = "bob";
    private const string Channel = "lobby";

    // The legacy API may answer "in progress"; the documented advice is to ask again after 2 seconds.
    private static readonly TimeSpan LegacyRetryDelay = TimeSpan.FromSeconds(2);
    private const int LegacyAttempts = 5;

    public static Command Create(CliContext context)
    {
        var command = new Command("demo", "Run every operation once against the embedded emulator and show the results. Connection settings are ignored.");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(
            context,
            parse,
            (connection, output, token) => RunAsync(connection.Client, connection.Emulator!, output, token),
            ct,
            forcedEmulatorReason: "the demo always uses it"));
        return command;
    }

    private static async Task RunAsync(ISignalingClient client, SignalingEmulator emulator, CommandOutput output, CancellationToken ct)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        output.Line($"Demo of every operation against the embedded emulator at {emulator.Endpoint} (app ID {emulator.AppId}).");

        Heading(output, $"send-peer: {Sender} -> {Receiver}, waiting for the ack, stored in history ({Receiver} is online)");
        emulator.SetUserOnline(Receiver);
        var peer = await client.SendPeerMessageAsync(
            Sender, Receiver, "Hello Bob, this is the demo.", new PeerMessageOptions { WaitForAck = true, EnableHistoricalMessaging = true }, ct).ConfigureAwait(false);
        output.Line("  " + HumanFormat.Send($"Peer message from {Sender} to {Receiver}", peer));

        Heading(output, $"send-channel: {Sender} -> {Channel}, stored in history");
        var channel = await client.SendChannelMessageAsync(
            Sender, Channel, "Hello lobby!", new ChannelMessageOptions { EnableHistoricalMessaging = true }, ct).ConfigureAwait(false);
        output.Line("  " + HumanFormat.Send($"Channel message from {Sender} to {Channel}", channel));

        Heading(output, $"publish (2.x): {Sender} -> user channel of {Receiver}, a JSON message");
        var published = await client.PublishAsync(Sender, PublishChannelType.User, Receiver, new { text = "Hello Bob, over Signaling 2.x." }, cancellationToken: ct).ConfigureAwait(false);
        output.Line($"  Published from {Sender} to user {Receiver} (request ID {HumanFormat.Show(published.RequestId)}).");

        Heading(output, "events users, after queueing three user events in the emulator");
        emulator.EnqueueUserEvent(Sender, "Login", now - 3000);
        emulator.EnqueueUserEvent(Receiver, "Login", now - 2000);
        emulator.EnqueueUserEvent("carol", "Logout", now - 1000);
        var users = await client.GetUserEventsAsync(ct).ConfigureAwait(false);
        var userEvents = users.Events ?? [];
        output.Line($"  {HumanFormat.Count(userEvents.Count, "user event")} (request ID {HumanFormat.Show(users.RequestId)}):");
        foreach (var item in userEvents)
        {
            output.Line("    " + HumanFormat.Event(item));
        }

        Heading(output, "events channels, after queueing two channel events in the emulator");
        emulator.EnqueueChannelEvent(Channel, Sender, "Join", now - 2500);
        emulator.EnqueueChannelEvent(Channel, "carol", "Leave", now - 500);
        var channels = await client.GetChannelEventsAsync(ct).ConfigureAwait(false);
        var channelEvents = channels.Events ?? [];
        output.Line($"  {HumanFormat.Count(channelEvents.Count, "channel event")} (request ID {HumanFormat.Show(channels.RequestId)}):");
        foreach (var item in channelEvents)
        {
            output.Line("    " + HumanFormat.Event(item));
        }

        Heading(output, $"history of message channel {Channel}, after seeding two older messages");
        emulator.SeedHistory(
            HistoryChannelType.Message,
            Channel,
            new StoredHistoryMessage("carol", "Good morning, lobby.", now - 60_000),
            new StoredHistoryMessage(Receiver, "Morning, Carol!", now - 30_000, CustomType: "greeting"));
        var history = await client.GetMessageHistoryAsync(Sender, HistoryChannelType.Message, Channel, cancellationToken: ct).ConfigureAwait(false);
        var historyOutput = HistoryOutput.From(history);
        foreach (var message in history.Data?.MessageList ?? [])
        {
            output.Line("  " + HumanFormat.Message(message));
        }

        output.Line($"  {HumanFormat.Count(historyOutput.Count, "message")} (request ID {HumanFormat.Show(historyOutput.RequestId)}).");

        var filter = new LegacyHistoryQuery
        {
            Source = Sender,
            StartTime = DateTimeOffset.UtcNow.AddHours(-1),
            EndTime = DateTimeOffset.UtcNow.AddMinutes(1),
        };

        Heading(output, $"legacy history query (deprecated RTM-era API): messages stored from {Sender} in the last hour");
        var created = await client.CreateHistoryQueryAsync(filter, ct).ConfigureAwait(false);
        string handle = created.Handle ?? throw new SignalingServiceException("CreateHistoryQuery", 200, reason: "The answer named no query location");
        var result = await PollAsync(() => client.GetHistoryQueryResultAsync(handle, ct), r => r.IsReady, ct).ConfigureAwait(false);
        var legacyMessages = result.Messages ?? [];
        output.Line($"  Query {HumanFormat.Show(handle)}: {HumanFormat.Show(result.Code)}, {HumanFormat.Count(legacyMessages.Count, "message")}:");
        foreach (var message in legacyMessages)
        {
            output.Line("    " + HumanFormat.Message(message));
        }

        Heading(output, $"legacy history count (deprecated RTM-era API): messages stored from {Sender} in the last hour");
        var count = await PollAsync(() => client.GetHistoryCountAsync(filter, ct), r => r.IsReady, ct).ConfigureAwait(false);
        output.Line($"  {HumanFormat.Show(count.Code)}: {HumanFormat.Count(count.Count ?? 0, "message")}.");

        if (output.IsJson)
        {
            output.Json(new DemoOutput(
                SendOutput.From(peer),
                SendOutput.From(channel),
                PublishOutput.From(published),
                new EventsOutput<UserEventOutput>(users.Result, users.RequestId, userEvents.Select(UserEventOutput.From).ToList()),
                new EventsOutput<ChannelEventOutput>(channels.Result, channels.RequestId, channelEvents.Select(ChannelEventOutput.From).ToList()),
                historyOutput,
                new LegacyHistoryQueryOutput(handle, result.Code, legacyMessages.Select(LegacyHistoryMessageOutput.From).ToList()),
                LegacyHistoryCountOutput.From(count)));
        }
        else
        {
            output.Line(string.Empty);
            output.Line("Every operation ran. Point the other commands at a real app with --base-url, --app-id, --customer-id and --customer-secret.");
        }
    }

    private static void Heading(CommandOutput output, string text)
    {
        output.Line(string.Empty);
        output.Line("== " + text);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> call, Func<T, bool> isReady, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            var answer = await call().ConfigureAwait(false);
            if (isReady(answer) || attempt == LegacyAttempts)
            {
                return answer;
            }

            await Task.Delay(LegacyRetryDelay, ct).ConfigureAwait(false);
        }
    }
}
