namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a <see cref="ChannelEvent"/>; the channel is <c>groupId</c>, as in the model.</summary>
internal sealed record ChannelEventOutput(string? GroupId, string? UserId, string? Type, long? Ms)
{
    public static ChannelEventOutput From(ChannelEvent item) => new(item.GroupId, item.UserId, item.Type, item.Ms);
}
