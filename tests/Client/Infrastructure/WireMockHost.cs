using WireMock.Server;
using WireMock.Settings;

namespace Agora.Signaling.Tests.Client.Infrastructure;

/// <summary>A WireMock server on a loopback port and a client pointed at it through a <see cref="RecordingHandler"/>.</summary>
public sealed class WireMockHost : IDisposable
{
    public const string AppId = "876922cbca0098dff4323566daa89675";
    public const string CustomerId = "contract-customer";
    public const string CustomerSecret = "contract-secret-s3cr3t";

    public WireMockHost(TimeSpan? timeout = null)
    {
        int port = FreePort();
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"], StartAdminInterface = false });
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        Options = new SignalingClientOptions
        {
            AppId = AppId,
            Endpoint = Endpoint,
            HistoryEndpoint = Endpoint,
            Credential = new BasicCredential(CustomerId, CustomerSecret),
            Timeout = timeout ?? SignalingClientOptions.DefaultTimeout,
        };

        // Contract tests look at one request and its answer; retries and rate limits are tested on their own.
        Options.Retry.MaxRetries = 0;
        Options.RateLimits.Enabled = false;
        Client = new SignalingClient(Options, Recorder);
    }

    public WireMockServer Server { get; }

    public Uri Endpoint { get; }

    public SignalingClientOptions Options { get; }

    public RecordingHandler Recorder { get; } = new();

    public SignalingClient Client { get; }

    public static string ExpectedBasicHeader =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CustomerId + ":" + CustomerSecret));

    public static int FreePort() => Agora.Signaling.Testing.SignalingEmulator.UnreachableEndpoint().Port;

    public void Dispose()
    {
        Client.Dispose();
        Recorder.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
