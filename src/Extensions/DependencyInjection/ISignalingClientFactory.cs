namespace Agora.Signaling;

/// <summary>Creates the clients registered with <c>AddAgoraSignaling</c>, by name for apps that talk to several Agora projects.</summary>
public interface ISignalingClientFactory
{
    /// <summary>Creates the client registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <c>AddAgoraSignaling</c>; empty for the unnamed client.</param>
    /// <returns>A client sharing the registration's connections, rate limits and host health.</returns>
    /// <exception cref="InvalidOperationException">No client was registered under that name.</exception>
    ISignalingClient CreateClient(string name = "");
}
