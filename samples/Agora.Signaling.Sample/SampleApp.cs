using Microsoft.AspNetCore.Builder;

namespace Agora.Signaling.Sample;

/// <summary>Composes the sample service, so that tests can host exactly what <c>dotnet run</c> hosts.</summary>
public static class SampleApp
{
    /// <summary>The configuration section the SDK reads its options and credentials from.</summary>
    public const string SignalingSection = "Agora:Signaling";

    /// <summary>The configuration section of <see cref="RecentUserEventsOptions"/>.</summary>
    public const string RecentUserEventsSection = "Sample:RecentUserEvents";

    /// <summary>Builds the service from the command line, appsettings, user secrets and environment variables.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(string[] args) => Create(WebApplication.CreateBuilder(args));

    /// <summary>Registers the SDK, the event pump and the endpoints on a builder the caller has configured.</summary>
    /// <param name="builder">The builder; its configuration must hold the <see cref="SignalingSection"/> section.</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Create(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddAgoraSignaling(builder.Configuration.GetSection(SignalingSection));
        builder.Services.AddOptions<RecentUserEventsOptions>()
            .Bind(builder.Configuration.GetSection(RecentUserEventsSection))
            .Validate(o => o.Capacity > 0, "Sample:RecentUserEvents:Capacity must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RecentUserEvents>();
        builder.Services.AddHostedService<UserEventsPump>();
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.MapChannelMessageEndpoints();
        app.MapRecentUserEventEndpoints();
        return app;
    }
}
