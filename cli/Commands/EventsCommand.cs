using System.CommandLine;
using Agora.Signaling.Cli.Connection;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>events users|channels [--follow]</c>: drain or follow user or channel events with the SDK's event pump.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context) =>
        new("events", "Pull user or channel events. Reading deletes them from the service.")
        {
            CreateFeed(
                context,
                "users",
                "Pull user login and logout events until caught up: none are left, or a pull brings only events newer than the command.",
                "user event",
                (client, options, ct) => client.ReadUserEventsAsync(options, ct),
                item => UserEventOutput.From(item),
                HumanFormat.Event),
            CreateFeed(
                context,
                "channels",
                "Pull channel join and leave events until caught up: none are left, or a pull brings only events newer than the command.",
                "channel event",
                (client, options, ct) => client.ReadChannelEventsAsync(options, ct),
                item => ChannelEventOutput.From(item),
                HumanFormat.Event),
        };

    private static Command CreateFeed<TEvent, TOutput>(
        CliContext context,
        string name,
        string description,
        string singular,
        Func<ISignalingClient, EventPumpOptions, CancellationToken, IAsyncEnumerable<IReadOnlyList<TEvent>>> read,
        Func<TEvent, TOutput> toJson,
        Func<TEvent, string> toLine)
    {
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = "Keep pulling until Ctrl-C, printing events as they arrive. After a pull that brings nothing the next waits a second; " +
                "all pulls go through the client's event-pull rate limit of 10 a second.",
        };

        var maxPulls = new Option<int?>("--max-pulls")
        {
            Description = "Stop after this many pulls at most, draining or following.",
            HelpName = "n",
        };

        var command = new Command(name, description) { follow, maxPulls };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(
            context,
            parse,
            async (connection, output, token) =>
            {
                var recorder = connection.Client;
                int? bound = parse.GetValue(maxPulls);
                if (bound < 1)
                {
                    throw new UsageException("--max-pulls must be at least 1.");
                }

                if (!parse.GetValue(follow))
                {
                    await DrainAsync(recorder, read, new EventPumpOptions { MaxPulls = bound }, output, singular, toJson, toLine, token).ConfigureAwait(false);
                    return;
                }

                output.Note($"Following {singular}s; press Ctrl-C to stop.");
                int received = 0;
                try
                {
                    await foreach (var events in read(recorder, new EventPumpOptions { Follow = true, MaxPulls = bound }, token).ConfigureAwait(false))
                    {
                        // Shown even when cancellation came meanwhile: the service deleted these events when it answered.
                        // One JSON object per pull that brought events: a stream of lines a script can read as they come.
                        received += events.Count;
                        output.Result(ToJson(Batch(recorder, events), toJson), w =>
                        {
                            foreach (var item in events)
                            {
                                w.WriteLine(toLine(item));
                            }
                        });
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Ctrl-C is how following is meant to end.
                }

                output.Note($"Stopped after {HumanFormat.Count(recorder.Pulls, "pull")} and {HumanFormat.Count(received, singular)}.");
            },
            ct));
        return command;
    }

    /// <summary>Pulls until caught up or the bound, printing every batch; an empty store still prints one (empty) result.</summary>
    private static async Task DrainAsync<TEvent, TOutput>(
        RecordingClient recorder,
        Func<ISignalingClient, EventPumpOptions, CancellationToken, IAsyncEnumerable<IReadOnlyList<TEvent>>> read,
        EventPumpOptions options,
        CommandOutput output,
        string singular,
        Func<TEvent, TOutput> toJson,
        Func<TEvent, string> toLine,
        CancellationToken cancellationToken)
    {
        int batches = 0;
        await foreach (var events in read(recorder, options, cancellationToken).ConfigureAwait(false))
        {
            batches++;
            WriteBatch(output, Batch(recorder, events), singular, toJson, toLine);
        }

        if (batches == 0)
        {
            WriteBatch(output, Batch<TEvent>(recorder, []), singular, toJson, toLine);
        }
    }

    private static void WriteBatch<TEvent, TOutput>(CommandOutput output, EventBatch<TEvent> batch, string singular, Func<TEvent, TOutput> toJson, Func<TEvent, string> toLine) =>
        output.Result(ToJson(batch, toJson), w =>
        {
            w.WriteLine($"{HumanFormat.Count(batch.Events.Count, singular)} (request ID {HumanFormat.Show(batch.RequestId)}){(batch.Events.Count == 0 ? "." : ":")}");
            foreach (var item in batch.Events)
            {
                w.WriteLine("  " + toLine(item));
            }
        });

    private static EventBatch<TEvent> Batch<TEvent>(RecordingClient recorder, IReadOnlyList<TEvent> events) =>
        new(recorder.LastResult, recorder.LastRequestId, events);

    private static EventsOutput<TOutput> ToJson<TEvent, TOutput>(EventBatch<TEvent> batch, Func<TEvent, TOutput> toJson) =>
        new(batch.Result, batch.RequestId, batch.Events.Select(toJson).ToList());
}
