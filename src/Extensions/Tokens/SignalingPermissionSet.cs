using System.Collections;

namespace Agora.Signaling;

/// <summary>
/// The resource permissions of an RTM2 token: for each kind of resource and each access, the names (or patterns such
/// as <c>channelA*</c>) it is granted on. Immutable: <see cref="Grant"/> returns a new set.
/// </summary>
/// <remarks>
/// The set enumerates its grants in the order a token stores them: by resource type, then by access. Build one
/// from <see cref="Empty"/>; read one from <see cref="SignalingToken.Permissions"/>.
/// </remarks>
public sealed class SignalingPermissionSet : IReadOnlyList<SignalingPermission>, IEquatable<SignalingPermissionSet>
{
    private readonly SignalingPermission[] _grants;

    private SignalingPermissionSet(SignalingPermission[] grants, bool checkedAndOrdered)
    {
        _grants = grants;
        IsCheckedAndOrdered = checkedAndOrdered;
    }

    /// <summary>Gets the set that grants nothing.</summary>
    public static SignalingPermissionSet Empty { get; } = new([], checkedAndOrdered: true);

    /// <summary>Gets the number of grants, one per resource type and access that has names.</summary>
    public int Count => _grants.Length;

    /// <summary>Whether the set was made by <see cref="Grant"/>, so it holds only valid grants in token order.</summary>
    internal bool IsCheckedAndOrdered { get; }

    /// <summary>Gets a grant by its position in token order.</summary>
    /// <param name="index">The position, from 0.</param>
    /// <returns>The grant.</returns>
    public SignalingPermission this[int index] => _grants[index];

    /// <summary>Returns a set that also grants <paramref name="permissionType"/> on the named resources of <paramref name="resourceType"/>.</summary>
    /// <param name="resourceType">The kind of resource.</param>
    /// <param name="permissionType">The access granted.</param>
    /// <param name="names">
    /// At least one name: each 1 to 64 characters from a-z, A-Z, 0-9, space, <c>!#$%&amp;()+-:;&lt;=.&gt;?@[]^_{}|~,'</c>
    /// (Agora's documented ID characters) and <c>*</c> for patterns such as <c>channelA*</c>. Names already granted
    /// for this resource type and access are kept once, in the order first given.
    /// </param>
    /// <returns>A new set; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">A type is not defined, or a name breaks a rule; the message names the rule.</exception>
    public SignalingPermissionSet Grant(SignalingResourceType resourceType, SignalingPermissionType permissionType, params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var given = names.ToList();
        var (paramName, problem) = PermissionRules.Check(resourceType, permissionType, given, nameof(resourceType), nameof(permissionType), nameof(names));
        if (problem is not null)
        {
            throw Refusal(paramName!, problem, resourceType, permissionType);
        }

        return With(resourceType, permissionType, given);
    }

    /// <summary>Returns an enumerator over the grants, in token order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<SignalingPermission> GetEnumerator() => ((IEnumerable<SignalingPermission>)_grants).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(SignalingPermissionSet? other) => other is not null && _grants.SequenceEqual(other._grants);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SignalingPermissionSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var grant in _grants)
        {
            hash.Add(grant);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => _grants.Length == 0 ? "no permissions" : string.Join("; ", _grants.Select(g => g.ToString()));

    /// <summary>The set a token holds, as written: not checked, not reordered, since a token made elsewhere may hold anything.</summary>
    internal static SignalingPermissionSet FromToken(SignalingPermission[] grants) => new(grants, checkedAndOrdered: false);

    /// <summary>Checks a set given to a builder, and puts one read from a token into token order.</summary>
    internal static SignalingPermissionSet CheckAndOrder(SignalingPermissionSet permissions, string paramName)
    {
        ArgumentNullException.ThrowIfNull(permissions, paramName);
        if (permissions.IsCheckedAndOrdered)
        {
            return permissions;
        }

        var ordered = Empty;
        foreach (var grant in permissions._grants)
        {
            var (_, problem) = PermissionRules.Check(grant.ResourceType, grant.PermissionType, grant.Names, "resourceType", "permissionType", "names");
            if (problem is not null)
            {
                throw Refusal(paramName, problem, grant.ResourceType, grant.PermissionType);
            }

            ordered = ordered.With(grant.ResourceType, grant.PermissionType, grant.Names);
        }

        return ordered;
    }

    private static ArgumentException Refusal(string paramName, string problem, SignalingResourceType resourceType, SignalingPermissionType permissionType) =>
        new($"Cannot grant {PermissionRules.Describe(permissionType)} on {PermissionRules.Describe(resourceType)}: {problem}", paramName);

    private SignalingPermissionSet With(SignalingResourceType resourceType, SignalingPermissionType permissionType, IEnumerable<string> names)
    {
        int at = 0;
        while (at < _grants.Length && Order(_grants[at]) < Order(resourceType, permissionType))
        {
            at++;
        }

        bool merging = at < _grants.Length && Order(_grants[at]) == Order(resourceType, permissionType);
        var merged = merging ? _grants[at].Names.ToList() : [];
        var seen = new HashSet<string>(merged, StringComparer.Ordinal);
        merged.AddRange(names.Where(seen.Add));

        var grants = new List<SignalingPermission>(_grants);
        var grant = new SignalingPermission(resourceType, permissionType, merged.ToArray());
        if (merging)
        {
            grants[at] = grant;
        }
        else
        {
            grants.Insert(at, grant);
        }

        return new SignalingPermissionSet(grants.ToArray(), checkedAndOrdered: true);
    }

    private static int Order(SignalingPermission grant) => Order(grant.ResourceType, grant.PermissionType);

    private static int Order(SignalingResourceType resourceType, SignalingPermissionType permissionType) => ((int)resourceType << 16) | (int)permissionType;
}
