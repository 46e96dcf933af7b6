using System.CommandLine;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>history</c>: stored messages of a message channel or user channel, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "The user performing the query.", HelpName = "user", Required = true };
        var channelType = new Option<string>("--channel-type") { Description = "The kind of channel.", Required = true };
        channelType.AcceptOnlyFromAmong("message", "user");
        var channel = new Option<string>("--channel") { Description = "The channel name; for a user channel, the user ID.", HelpName = "name", Required = true };
        var start = new Option<long>("--start") { Description = "Return messages older than this epoch-millisecond time; 0 means now.", HelpName = "ms" };
        var end = new Option<long>("--end") { Description = "Return messages no older than this epoch-millisecond time; 0 means no bound.", HelpName = "ms" };
        var count = new Option<int>("--count")
        {
            Description = "The most messages per page, from 1 to 100.",
            HelpName = "n",
            DefaultValueFactory = _ => 100,
        };
        var all = new Option<bool>("--all") { Description = "Read every page, following newStart until the service answers 0." };

        var command = new Command("history", "Read stored messages of a message channel or user channel, newest first.")
        {
            user, channelType, channel, start, end, count, all,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(
            context,
            parse,
            async (connection, output, token) =>
            {
                string userId = parse.GetValue(user)!;
                var type = parse.GetValue(channelType) == "user" ? HistoryChannelType.User : HistoryChannelType.Message;
                string channelName = parse.GetValue(channel)!;
                long startMs = parse.GetValue(start);
                long endMs = parse.GetValue(end);
                int messageCount = parse.GetValue(count);

                if (parse.GetValue(all))
                {
                    await ReadAllPagesAsync(connection.Client, output, userId, type, channelName, startMs, endMs, messageCount, token).ConfigureAwait(false);
                    return;
                }

                var response = await connection.Client.GetMessageHistoryAsync(userId, type, channelName, startMs, endMs, messageCount, token).ConfigureAwait(false);
                var result = HistoryOutput.From(response);
                output.Result(result, w =>
                {
                    WriteMessages(w, response.Data?.MessageList ?? []);
                    w.WriteLine($"{HumanFormat.Count(result.Count, "message")} (request ID {HumanFormat.Show(result.RequestId)}).");
                    if (result.NewStart != 0)
                    {
                        w.WriteLine($"More are stored: read the next page with --start {result.NewStart}, or use --all.");
                    }
                });
            },
            ct));
        return command;
    }

    private static async Task ReadAllPagesAsync(
        ISignalingClient client, CommandOutput output, string userId, HistoryChannelType type, string channelName, long start, long end, int messageCount, CancellationToken cancellationToken)
    {
        var messages = new List<HistoryMessageOutput>();
        var requestIds = new List<string?>();
        int pages = 0;
        await foreach (var page in client.GetMessageHistoryPagesAsync(userId, type, channelName, start, end, messageCount, cancellationToken).ConfigureAwait(false))
        {
            pages++;
            requestIds.Add(page.RequestId);
            var list = page.MessageList ?? [];
            messages.AddRange(list.Select(HistoryMessageOutput.From));

            // Human output streams page by page, so a long history shows up before the walk ends.
            if (!output.IsJson)
            {
                output.Line($"Page {pages}: {HumanFormat.Count(list.Count, "message")}");
                foreach (var message in list)
                {
                    output.Line("  " + HumanFormat.Message(message));
                }
            }
        }

        output.Result(new HistoryOutput(requestIds.LastOrDefault(), requestIds, messages, messages.Count, 0, pages), w => w.WriteLine($"{HumanFormat.Count(messages.Count, "message")} in {HumanFormat.Count(pages, "page")}."));
    }

    private static void WriteMessages(TextWriter writer, IEnumerable<HistoryMessage> messages)
    {
        foreach (var message in messages)
        {
            writer.WriteLine("  " + HumanFormat.Message(message));
        }
    }
}
