using System.Net.Http.Headers;

namespace Agora.Signaling;

// NSwag partial-method hooks: they tell the authentication handler who the request is made as, and fix the JSON charset. A misspelled partial method compiles away silently, so
// RestClientHookTests checks by reflection that every generated client has both.

internal partial class MessagesRestClient
{
    // Error bodies are only kept on the exception when the response is read as text first.
    partial void Initialize() => ReadResponseAsString = true;

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url) => RestClientHooks.PrepareRequest(request);
}

internal partial class EventsRestClient
{
    // Error bodies are only kept on the exception when the response is read as text first.
    partial void Initialize() => ReadResponseAsString = true;

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url) => RestClientHooks.PrepareRequest(request);
}

internal partial class HistoryRestClient
{
    // Error bodies are only kept on the exception when the response is read as text first.
    partial void Initialize() => ReadResponseAsString = true;

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url) => RestClientHooks.PrepareRequest(request);
}

internal partial class LegacyHistoryRestClient
{
    // Error bodies are only kept on the exception when the response is read as text first.
    partial void Initialize() => ReadResponseAsString = true;

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url) => RestClientHooks.PrepareRequest(request);
}

internal static class RestClientHooks
{
    public static void PrepareRequest(HttpRequestMessage request)
    {
        RequestContext.Attach(request);

        // Agora's documentation sends "application/json;charset=utf-8"; NSwag omits the charset.
        if (request.Content?.Headers.ContentType is MediaTypeHeaderValue contentType)
        {
            contentType.CharSet = "utf-8";
        }
    }
}
