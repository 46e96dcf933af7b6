using System.CommandLine;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>send-peer</c>: one peer-to-peer message.</summary>
internal static class SendPeerCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The sending user ID.", HelpName = "user", Required = true };
        var to = new Option<string>("--to") { Description = "The receiving user ID.", HelpName = "user", Required = true };
        var payload = new Option<string>("--payload") { Description = "The message text (1 to 32,768 bytes in UTF-8).", HelpName = "text", Required = true };
        var waitForAck = new Option<bool>("--wait-for-ack") { Description = "Wait until the receiver acknowledges, so the status tells delivered from offline." };
        var history = new Option<bool>("--history") { Description = "Store the message in the message history." };

        var command = new Command("send-peer", "Send a peer-to-peer message from one user to another.") { from, to, payload, waitForAck, history };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(
            context,
            parse,
            async (connection, output, token) =>
            {
                string sender = parse.GetValue(from)!;
                string receiver = parse.GetValue(to)!;
                var options = new PeerMessageOptions
                {
                    WaitForAck = parse.GetValue(waitForAck),
                    EnableHistoricalMessaging = parse.GetValue(history),
                };
                var response = await connection.Client.SendPeerMessageAsync(sender, receiver, parse.GetValue(payload)!, options, token).ConfigureAwait(false);
                output.Result(SendOutput.From(response), w => w.WriteLine(HumanFormat.Send($"Peer message from {sender} to {receiver}", response)));
            },
            ct));
        return command;
    }
}
