namespace Agora.Signaling;

/// <summary>The format of an Agora token.</summary>
public enum SignalingTokenVersion
{
    /// <summary>The legacy AccessToken, starting "006"; sent as <c>x-agora-token</c> with <c>x-agora-uid</c>.</summary>
    AccessToken = 6,

    /// <summary>AccessToken2, starting "007"; sent as <c>Authorization: agora token=…</c>.</summary>
    AccessToken2 = 7,
}
