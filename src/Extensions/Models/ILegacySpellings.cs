namespace Agora.Signaling;

/// <summary>
/// A model that Agora has sent under its 2020 field names too (<c>ts</c>, <c>channel_id</c>): once read, it fills its
/// current fields from the old ones. The models call this from their <c>[OnDeserialized]</c> callbacks, for callers
/// who read them with Newtonsoft's own resolver; the SDK's reader calls it directly (<see cref="FlatModelReader"/>),
/// without the callbacks' reflection.
/// </summary>
internal interface ILegacySpellings
{
    /// <summary>Fills each current field that is still empty from its 2020 spelling.</summary>
    void FillFromLegacyNames();
}
