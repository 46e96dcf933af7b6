namespace Agora.Signaling;

/// <summary>
/// The region whose Agora hosts are nearest to your servers. The client fails over to the adjacent region's host
/// after the two primary hosts, as Agora's reliability guide describes.
/// </summary>
public enum SignalingRegion
{
    /// <summary>Western US (<c>api-us-west-1</c>).</summary>
    UsWest,

    /// <summary>Eastern US (<c>api-us-east-1</c>).</summary>
    UsEast,

    /// <summary>Southeast Asia Pacific (<c>api-ap-southeast-1</c>).</summary>
    ApSoutheast,

    /// <summary>Northeast Asia Pacific (<c>api-ap-northeast-1</c>).</summary>
    ApNortheast,

    /// <summary>Western Europe (<c>api-eu-west-1</c>).</summary>
    EuWest,

    /// <summary>Central Europe (<c>api-eu-central-1</c>).</summary>
    EuCentral,

    /// <summary>East China (<c>api-cn-east-1</c>).</summary>
    CnEast,

    /// <summary>North China (<c>api-cn-north-1</c>).</summary>
    CnNorth,
}
