namespace Agora.Signaling;

/// <summary>
/// Agora's documented failover order: the primary host, then the other primary suffix
/// (<c>agora.io</c> ↔ <c>sd-rtn.com</c>), then the region adjacent to yours under both suffixes.
/// </summary>
internal static class AgoraHosts
{
    public const string AgoraIo = "api.agora.io";
    public const string SdRtn = "api.sd-rtn.com";

    /// <summary>Whether a host is one of Agora's: a primary or a regional host under either suffix.</summary>
    public static bool IsAgoraHost(Uri endpoint) =>
        endpoint.IsAbsoluteUri && (endpoint.Host.EndsWith(".agora.io", StringComparison.OrdinalIgnoreCase) || endpoint.Host.EndsWith(".sd-rtn.com", StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<Uri> FailoverFor(Uri primary, SignalingRegion? region)
    {
        string? alternate = primary.Host switch
        {
            AgoraIo => SdRtn,
            SdRtn => AgoraIo,
            _ => null,
        };

        // A custom endpoint (a proxy, an emulator) has no documented alternates.
        if (alternate is null)
        {
            return [];
        }

        var hosts = new List<Uri> { Https(alternate) };
        if (region is SignalingRegion home)
        {
            string adjacent = Prefix(Adjacent(home));
            string primarySuffix = primary.Host[4..];
            string alternateSuffix = alternate[4..];
            hosts.Add(Https($"{adjacent}.{primarySuffix}"));
            hosts.Add(Https($"{adjacent}.{alternateSuffix}"));
        }

        return hosts;
    }

    public static SignalingRegion Adjacent(SignalingRegion region) => region switch
    {
        SignalingRegion.UsWest => SignalingRegion.UsEast,
        SignalingRegion.UsEast => SignalingRegion.UsWest,
        SignalingRegion.ApSoutheast => SignalingRegion.ApNortheast,
        SignalingRegion.ApNortheast => SignalingRegion.ApSoutheast,
        SignalingRegion.EuWest => SignalingRegion.EuCentral,
        SignalingRegion.EuCentral => SignalingRegion.EuWest,
        SignalingRegion.CnEast => SignalingRegion.CnNorth,
        SignalingRegion.CnNorth => SignalingRegion.CnEast,
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown region."),
    };

    public static string Prefix(SignalingRegion region) => region switch
    {
        SignalingRegion.UsWest => "api-us-west-1",
        SignalingRegion.UsEast => "api-us-east-1",
        SignalingRegion.ApSoutheast => "api-ap-southeast-1",
        SignalingRegion.ApNortheast => "api-ap-northeast-1",
        SignalingRegion.EuWest => "api-eu-west-1",
        SignalingRegion.EuCentral => "api-eu-central-1",
        SignalingRegion.CnEast => "api-cn-east-1",
        SignalingRegion.CnNorth => "api-cn-north-1",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown region."),
    };

    private static Uri Https(string host) => new($"https://{host}/");
}
