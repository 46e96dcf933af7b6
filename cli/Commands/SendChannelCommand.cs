using System.CommandLine;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>send-channel</c>: one channel message.</summary>
internal static class SendChannelCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The sending user ID; the user need not have joined the channel.", HelpName = "user", Required = true };
        var channel = new Option<string>("--channel") { Description = "The target channel.", HelpName = "name", Required = true };
        var payload = new Option<string>("--payload") { Description = "The message text (1 to 32,768 bytes in UTF-8).", HelpName = "text", Required = true };
        var history = new Option<bool>("--history") { Description = "Store the message in the message history." };

        var command = new Command("send-channel", "Send a message into a channel as a user.") { from, channel, payload, history };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(
            context,
            parse,
            async (connection, output, token) =>
            {
                string sender = parse.GetValue(from)!;
                string channelName = parse.GetValue(channel)!;
                var options = new ChannelMessageOptions { EnableHistoricalMessaging = parse.GetValue(history) };
                var response = await connection.Client.SendChannelMessageAsync(sender, channelName, parse.GetValue(payload)!, options, token).ConfigureAwait(false);
                output.Result(SendOutput.From(response), w => w.WriteLine(HumanFormat.Send($"Channel message from {sender} to {channelName}", response)));
            },
            ct));
        return command;
    }
}
