using System.CommandLine;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>events users|channels [--follow]</c>: pull user or channel events.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context) =>
        new("events", "Pull user or channel events. Reading deletes them from the service.")
        {
            CreateFeed(
                context,
                "users",
                "Pull user login and logout events.",
                "user event",
                async (client, ct) =>
                {
                    var response = await client.GetUserEventsAsync(ct).ConfigureAwait(false);
                    return new EventBatch<UserEvent>(response.Result, response.RequestId, [.. response.Events ?? []]);
                },
                item => UserEventOutput.From(item),
                HumanFormat.Event),
            CreateFeed(
                context,
                "channels",
                "Pull channel join and leave events.",
                "channel event",
                async (client, ct) =>
                {
                    var response = await client.GetChannelEventsAsync(ct).ConfigureAwait(false);
                    return new EventBatch<ChannelEvent>(response.Result, response.RequestId, [.. response.Events ?? []]);
                },
                item => ChannelEventOutput.From(item),
                HumanFormat.Event),
        };

    private static Command CreateFeed<TEvent, TOutput>(
        CliContext context,
        string name,
        string description,
        string singular,
        Func<ISignalingClient, CancellationToken, Task<EventBatch<TEvent>>> pull,
        Func<TEvent, TOutput> toJson,
        Func<TEvent, string> toLine)
    {
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = $"Keep pulling until Ctrl-C, at most {1 / EventFollower.MinimumPullInterval.TotalSeconds:0} pulls a second, printing events as they arrive.",
        };

        var command = new Command(name, description) { follow };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(
            context,
            parse,
            async (connection, output, token) =>
            {
                if (!parse.GetValue(follow))
                {
                    var batch = await pull(connection.Client, token).ConfigureAwait(false);
                    output.Result(ToJson(batch, toJson), w =>
                    {
                        w.WriteLine($"{HumanFormat.Count(batch.Events.Count, singular)} (request ID {HumanFormat.Show(batch.RequestId)}){(batch.Events.Count == 0 ? "." : ":")}");
                        foreach (var item in batch.Events)
                        {
                            w.WriteLine("  " + toLine(item));
                        }
                    });
                    return;
                }

                output.Note($"Following {singular}s; press Ctrl-C to stop.");
                int received = 0;
                int pulls = await EventFollower.FollowAsync(
                    ct2 => pull(connection.Client, ct2),
                    batch =>
                    {
                        received += batch.Events.Count;
                        if (batch.Events.Count == 0)
                        {
                            return;
                        }

                        // One JSON object per pull that brought events: a stream of lines a script can read as they come.
                        output.Result(ToJson(batch, toJson), w =>
                        {
                            foreach (var item in batch.Events)
                            {
                                w.WriteLine(toLine(item));
                            }
                        });
                    },
                    token).ConfigureAwait(false);
                output.Note($"Stopped after {HumanFormat.Count(pulls, "pull")} and {HumanFormat.Count(received, singular)}.");
            },
            ct));
        return command;
    }

    private static EventsOutput<TOutput> ToJson<TEvent, TOutput>(EventBatch<TEvent> batch, Func<TEvent, TOutput> toJson) =>
        new(batch.Result, batch.RequestId, batch.Events.Select(toJson).ToList());
}
