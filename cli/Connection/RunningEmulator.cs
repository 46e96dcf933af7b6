using Agora.Signaling.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Cli.Connection;

/// <summary>Reads what an emulator started with <c>agora-signaling emulator</c> accepts, from its control surface.</summary>
internal static class RunningEmulator
{
    // The emulator is on this machine; an answer slower than this means something else is listening there.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates client options for the emulator at <paramref name="url"/>, with its Basic credentials.</summary>
    public static async Task<SignalingClientOptions> ReadClientOptionsAsync(Uri url, CancellationToken cancellationToken)
    {
        var baseUrl = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        var credentialsUrl = new Uri(baseUrl, SignalingEmulator.ControlPrefix + "/credentials");
        using var http = new HttpClient { Timeout = Timeout };

        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(credentialsUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new HttpRequestException(
                $"No emulator answers at {baseUrl} ({exception.Message}). Start one with 'agora-signaling emulator' and give the URL it prints.", exception);
        }

        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JObject? credentials = null;
            try
            {
                credentials = response.IsSuccessStatusCode ? JsonConvert.DeserializeObject<JObject>(body) : null;
            }
            catch (JsonException)
            {
                // Reported below like any other answer that is not the emulator's.
            }

            string? appId = credentials?.Value<string>("appId");
            string? customerId = credentials?.Value<string>("customerId");
            string? customerSecret = credentials?.Value<string>("customerSecret");
            if (appId is null || customerId is null || customerSecret is null)
            {
                throw new UsageException(
                    $"{baseUrl} is not a Signaling emulator: GET {credentialsUrl.AbsolutePath} answered {(int)response.StatusCode} without its credentials.");
            }

            return new SignalingClientOptions
            {
                AppId = appId,
                Endpoint = baseUrl,
                HistoryEndpoint = baseUrl,
                Credential = new BasicCredential(customerId, customerSecret),
            };
        }
    }
}
