using System.Text;

namespace Agora.Signaling;

/// <summary>
/// The permissions block after the user ID of an RTM2 service: a u16 count of resource types, then for each, in
/// ascending order, its u16 type and u16 count of permission types, and for each of those, in ascending order, its
/// u16 type and the names as a u16 count of u16-length strings.
/// </summary>
internal static class Rtm2Permissions
{
    public static int Length(SignalingPermissionSet permissions)
    {
        int length = 2;
        SignalingResourceType? resource = null;
        foreach (var grant in InTokenOrder(permissions))
        {
            if (grant.ResourceType != resource)
            {
                length += 4;
                resource = grant.ResourceType;
            }

            length += 4;
            foreach (string name in grant.Names)
            {
                length += 2 + Encoding.UTF8.GetByteCount(name);
            }
        }

        return length;
    }

    public static void Write(ref TokenWriter writer, SignalingPermissionSet permissions)
    {
        var grants = InTokenOrder(permissions);
        writer.U16(grants.Select(g => g.ResourceType).Distinct().Count());
        for (int i = 0; i < grants.Count;)
        {
            var resource = grants[i].ResourceType;
            int end = i;
            while (end < grants.Count && grants[end].ResourceType == resource)
            {
                end++;
            }

            writer.U16((int)resource);
            writer.U16(end - i);
            for (; i < end; i++)
            {
                writer.U16((int)grants[i].PermissionType);
                writer.U16(grants[i].Names.Count);
                foreach (string name in grants[i].Names)
                {
                    writer.Utf8(name);
                }
            }
        }
    }

    /// <summary>Reads the block as written, keeping types this SDK does not know and names it would refuse.</summary>
    public static SignalingPermissionSet Read(ref TokenReader reader)
    {
        var grants = new List<SignalingPermission>();
        int resourceTypes = reader.U16();
        for (int r = 0; r < resourceTypes; r++)
        {
            var resource = (SignalingResourceType)reader.U16();
            int permissionTypes = reader.U16();
            for (int p = 0; p < permissionTypes; p++)
            {
                var permission = (SignalingPermissionType)reader.U16();
                int count = reader.U16();
                var names = new List<string>(Math.Min(count, 16));
                for (int n = 0; n < count; n++)
                {
                    names.Add(reader.Utf8());
                }

                grants.Add(new SignalingPermission(resource, permission, names.ToArray()));
            }
        }

        return SignalingPermissionSet.FromToken(grants.ToArray());
    }

    // A set made by Grant is in token order already; one put together inside the SDK (tests) may not be.
    private static IReadOnlyList<SignalingPermission> InTokenOrder(SignalingPermissionSet permissions) => permissions.IsCheckedAndOrdered
        ? permissions
        : permissions.OrderBy(g => (int)g.ResourceType).ThenBy(g => (int)g.PermissionType).ToList();
}
