namespace Agora.Signaling;

/// <summary>
/// One grant of an RTM2 token: an access (read or write) on named resources of one type. Names may be patterns
/// such as <c>channelA*</c>, which the token carries as written.
/// </summary>
public sealed class SignalingPermission : IEquatable<SignalingPermission>
{
    internal SignalingPermission(SignalingResourceType resourceType, SignalingPermissionType permissionType, IReadOnlyList<string> names)
    {
        ResourceType = resourceType;
        PermissionType = permissionType;
        Names = names;
    }

    /// <summary>Gets the kind of resource the grant is on.</summary>
    public SignalingResourceType ResourceType { get; }

    /// <summary>Gets the access granted.</summary>
    public SignalingPermissionType PermissionType { get; }

    /// <summary>Gets the resource names or patterns, in the order written in the token.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc />
    public bool Equals(SignalingPermission? other) =>
        other is not null && ResourceType == other.ResourceType && PermissionType == other.PermissionType && Names.SequenceEqual(other.Names, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SignalingPermission);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ResourceType);
        hash.Add(PermissionType);
        foreach (string name in Names)
        {
            hash.Add(name, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    /// <remarks>Names are shown with control and format characters escaped: a token made elsewhere may name anything.</remarks>
    public override string ToString() =>
        $"{ResourceType} {PermissionType}: {string.Join(", ", Names.Select(PrintableText.Escape))}";
}
