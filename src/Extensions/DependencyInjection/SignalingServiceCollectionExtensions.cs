using Agora.Signaling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Agora Signaling client as a typed client of <c>IHttpClientFactory</c>.</summary>
public static class SignalingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ISignalingClient"/> with options bound from configuration, such as the section <c>Agora:Signaling</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="SignalingClientOptions"/>, credentials included.</param>
    /// <returns>The HTTP client builder, to add your own handlers (they run per attempt, after authentication).</returns>
    public static IHttpClientBuilder AddAgoraSignaling(this IServiceCollection services, IConfiguration configuration) =>
        services.AddAgoraSignaling(Options.Options.DefaultName, configuration);

    /// <summary>Registers <see cref="ISignalingClient"/> with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add your own handlers (they run per attempt, after authentication).</returns>
    public static IHttpClientBuilder AddAgoraSignaling(this IServiceCollection services, Action<SignalingClientOptions> configure) =>
        services.AddAgoraSignaling(Options.Options.DefaultName, configure);

    /// <summary>Registers a named client, for an app that talks to several Agora projects; get it from <see cref="ISignalingClientFactory"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The section holding its options.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddAgoraSignaling(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SignalingClientOptions>(name).Bind(configuration);
        return AddCore(services, name);
    }

    /// <summary>Registers a named client with options set in code; get it from <see cref="ISignalingClientFactory"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddAgoraSignaling(this IServiceCollection services, string name, Action<SignalingClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SignalingClientOptions>(name).Configure(configure);
        return AddCore(services, name);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        string httpClientName = SignalingClientRegistrations.HttpClientName(name);
        if (services.Any(d => d.ImplementationInstance is RegisteredSignalingClient registered && registered.Name == name))
        {
            // Registering a name again layers more configuration on it; the pipeline is already in place.
            return services.AddHttpClient(httpClientName);
        }

        services.AddOptions<SignalingClientOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignalingClientOptions>, SignalingClientOptionsValidator>());
        services.TryAddSingleton<SignalingClientRegistrations>();
        services.TryAddSingleton<ISignalingClientFactory, SignalingClientFactory>();
        services.AddSingleton(new RegisteredSignalingClient(name));
        if (name.Length == 0)
        {
            services.TryAddTransient<ISignalingClient>(provider => provider.GetRequiredService<ISignalingClientFactory>().CreateClient());
        }

        return services
            .AddHttpClient(httpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)

            // The factory's own logging writes full URLs, whose paths carry user IDs and channel names;
            // the SDK logs each attempt itself, with path templates instead.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider => SignalingHandlerStack.CreateTransport(Registration(provider, name).Options))

            // Added before any handler of the caller's, which therefore run per attempt, below authentication.
            .ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
            {
                var registration = Registration(provider, name);
                foreach (var handler in SignalingHandlerStack.Create(registration.Pipeline, ownsPipeline: false, registration.Credential, registration.Options))
                {
                    handlers.Add(handler);
                }
            });
    }

    private static SignalingClientRegistrations.Registration Registration(IServiceProvider provider, string name) =>
        provider.GetRequiredService<SignalingClientRegistrations>().Get(name);
}
