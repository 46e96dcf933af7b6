using Microsoft.Extensions.DependencyInjection;

namespace Agora.Signaling;

/// <summary>
/// Attaches a shared store to one <c>AddAgoraSignaling</c> registration, for packages such as
/// <c>Agora.Signaling.Redis</c>: the store is created once per container, and every client of that registration
/// takes its permits and its pull lease through it.
/// </summary>
internal static class SignalingCoordinationRegistration
{
    /// <summary>Coordinates the registration <paramref name="builder"/> was returned for.</summary>
    /// <param name="builder">The builder <c>AddAgoraSignaling</c> returned.</param>
    /// <param name="create">Creates the store's coordination; the container disposes it.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The builder is not one <c>AddAgoraSignaling</c> returned.</exception>
    public static IHttpClientBuilder Coordinate(IHttpClientBuilder builder, Func<IServiceProvider, ISignalingCoordination> create)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(create);
        string name = builder.Services
            .Select(d => d.ImplementationInstance)
            .OfType<RegisteredSignalingClient>()
            .FirstOrDefault(registered => SignalingClientRegistrations.HttpClientName(registered.Name) == builder.Name)?.Name
            ?? throw new ArgumentException("Coordination applies to the builder that AddAgoraSignaling returned, and to no other HTTP client.", nameof(builder));

        string key = "Agora.Signaling.Coordination:" + name;
        builder.Services.AddKeyedSingleton(key, (provider, _) => create(provider));
        builder.Services.AddOptions<SignalingClientOptions>(name)
            .Configure<IServiceProvider>((options, provider) => options.Coordination = provider.GetRequiredKeyedService<ISignalingCoordination>(key));
        return builder;
    }
}
