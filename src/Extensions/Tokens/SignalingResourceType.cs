namespace Agora.Signaling;

/// <summary>The kinds of resource an RTM2 token can grant permissions on; the values are the ones written in the token.</summary>
public enum SignalingResourceType
{
    /// <summary>Message channels.</summary>
    MessageChannels = 0,

    /// <summary>Stream channels.</summary>
    StreamChannels = 1,

    /// <summary>Group channels.</summary>
    GroupChannels = 2,

    /// <summary>Server groups.</summary>
    ServerGroups = 3,

    /// <summary>Users.</summary>
    Users = 4,
}
