using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>Runs the checks <c>ValidateOnStart</c> registered, which the host would otherwise run inside <c>StartAsync</c>.</summary>
    /// <param name="app">The built application.</param>
    /// <returns>Why the configuration is refused, on one line, or <see langword="null"/> when it is valid.</returns>
    public static string? ConfigurationError(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            return null;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException exception)
        {
            return exception.Message.ReplaceLineEndings(" ");
        }
        catch (InvalidOperationException exception)
        {
            // The configuration binder's refusal of a value it cannot convert ("Failed to convert configuration value
            // 'abc' at 'Agora:Signaling:Timeout' to type 'System.TimeSpan'."), thrown when the options are first built.
            return exception.Message.ReplaceLineEndings(" ");
        }
    }

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
        builder.Services.AddSingleton<UserEventsPumpStatus>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<UserEventsPump>();
        builder.Services.AddHealthChecks().AddCheck<UserEventsPumpHealthCheck>("userEventsPump");
        builder.Services.AddProblemDetails();

        // A body that does not bind (not JSON, wrong shape) is the caller's mistake: a 400 problem in every environment,
        // never the developer exception page, which would show the exception and the request's headers.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapChannelMessageEndpoints();
        app.MapRecentUserEventEndpoints();
        app.MapHealthEndpoints();
        return app;
    }
}
