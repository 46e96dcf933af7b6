using Agora.Signaling.Sample;
using Agora.Signaling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Agora.Signaling.Tests.Samples;

/// <summary>The sample service composed as <c>dotnet run</c> composes it, run on a loopback port against an emulator.</summary>
internal sealed class SampleHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    /// <param name="emulator">The emulator the service talks to.</param>
    /// <param name="environmentName">The ASP.NET Core environment, such as Development, where the developer exception page is on.</param>
    /// <param name="customerSecret">The secret the service is given; another than the emulator's makes every pull fail with 401.</param>
    public static async Task<SampleHost> StartAsync(SignalingEmulator emulator, string environmentName = "Testing", string? customerSecret = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environmentName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agora:Signaling:AppId"] = emulator.AppId,
            ["Agora:Signaling:Endpoint"] = emulator.Endpoint.ToString(),
            ["Agora:Signaling:HistoryEndpoint"] = emulator.HistoryEndpoint.ToString(),
            ["Agora:Signaling:CustomerId"] = emulator.CustomerId,
            ["Agora:Signaling:CustomerSecret"] = customerSecret ?? emulator.CustomerSecret,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var app = SampleApp.Create(builder);
        await app.StartAsync();
        return new SampleHost(app, new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
