using System.CommandLine;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>publish</c>: one Signaling 2.x publish, to a message channel (<c>--channel</c>) or a user channel (<c>--to</c>).</summary>
internal static class PublishCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The publishing user ID.", HelpName = "user", Required = true };
        var channel = new Option<string>("--channel") { Description = "Publish to this message channel (everyone subscribed receives it).", HelpName = "name" };
        var to = new Option<string>("--to") { Description = "Publish to this user's user channel (peer to peer).", HelpName = "user" };
        var payload = new Option<string>("--payload")
        {
            Description = "The message as JSON text, sent as is, such as '{\"text\":\"Hello\"}' (1 to 32,768 bytes in UTF-8).",
            HelpName = "json",
            Required = true,
        };
        var store = new Option<bool>("--store-in-history") { Description = "Also keep the message in history." };
        var customType = new Option<string?>("--custom-type") { Description = "A label the receivers see with the message, 1 to 32 characters.", HelpName = "type" };

        var command = new Command("publish", "Publish a message to a message channel or a user channel (Signaling 2.x).") { from, channel, to, payload, store, customType };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(
            context,
            parse,
            async (connection, output, token) =>
            {
                string? channelName = parse.GetValue(channel);
                string? toUser = parse.GetValue(to);
                if ((channelName is null) == (toUser is null))
                {
                    throw new UsageException("Give one of --channel (a message channel) or --to (a user channel).");
                }

                string sender = parse.GetValue(from)!;
                var type = channelName is null ? PublishChannelType.User : PublishChannelType.Message;
                string target = channelName ?? toUser!;
                var options = new PublishOptions { StoreInHistory = parse.GetValue(store), CustomType = parse.GetValue(customType) };
                var response = await connection.Client.PublishAsync(sender, type, target, parse.GetValue(payload)!, options, token).ConfigureAwait(false);
                string where = (type == PublishChannelType.User ? "user " : "channel ") + HumanFormat.Show(target);
                output.Result(PublishOutput.From(response), w => w.WriteLine($"Published from {HumanFormat.Show(sender)} to {where} (request ID {HumanFormat.Show(response.RequestId)})."));
            },
            ct));
        return command;
    }
}
