namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a <see cref="UserEvent"/>.</summary>
internal sealed record UserEventOutput(string? UserId, string? Type, long? Ms)
{
    public static UserEventOutput From(UserEvent item) => new(item.UserId, item.Type, item.Ms);
}
