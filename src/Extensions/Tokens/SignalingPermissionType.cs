namespace Agora.Signaling;

/// <summary>The access an RTM2 token grants on a resource; the values are the ones written in the token.</summary>
public enum SignalingPermissionType
{
    /// <summary>Read access.</summary>
    Read = 0,

    /// <summary>Write access.</summary>
    Write = 1,
}
