using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary>
/// Reads <c>--permission RESOURCE:PERMISSION:NAME[,NAME…]</c> values into a permission set, refusing a bad one with
/// a usage error (exit 2) before any token is built. The names are checked by the SDK, so the tool and the SDK refuse alike.
/// </summary>
internal static class PermissionOption
{
    public const string Name = "--permission";

    public const string Syntax = "RESOURCE:PERMISSION:NAME[,NAME...]";

    public static SignalingPermissionSet Parse(IReadOnlyList<string> values)
    {
        var permissions = SignalingPermissionSet.Empty;
        foreach (string value in values)
        {
            string shown = PrintableText.Escape(value);

            // Names may contain ':' (Agora's ID characters include it), so only the first two separate the parts.
            string[] parts = value.Split(':', 3);
            if (parts.Length < 3)
            {
                throw new UsageException(
                    $"Invalid {Name} '{shown}': it must be {Syntax}, for example message-channels:read:channelA,channelB.");
            }

            if (!TokenFormat.TryParseResource(parts[0], out var resource))
            {
                throw new UsageException(
                    $"Invalid {Name} '{shown}': unknown resource '{PrintableText.Escape(parts[0])}'; use one of {string.Join(", ", TokenFormat.ResourceWords)}.");
            }

            if (!TokenFormat.TryParsePermission(parts[1], out var permission))
            {
                throw new UsageException(
                    $"Invalid {Name} '{shown}': unknown permission '{PrintableText.Escape(parts[1])}'; use one of {string.Join(", ", TokenFormat.PermissionWords)}.");
            }

            if (parts[2].Length == 0)
            {
                throw new UsageException($"Invalid {Name} '{shown}': it names no {parts[0]}; give at least one name after the second ':'.");
            }

            try
            {
                permissions = permissions.Grant(resource, permission, parts[2].Split(','));
            }
            catch (ArgumentException exception)
            {
                throw new UsageException($"Invalid {Name} '{shown}': {ErrorReporter.PlainMessage(exception)}");
            }
        }

        return permissions;
    }
}
