using System.Buffers;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;

namespace Agora.Signaling;

/// <summary>
/// Reads a response body into its model for the generated clients (through <see cref="RestCall"/>). NSwag's own
/// reader builds a serializer and a 2 KB character buffer for every response; this one keeps one serializer per
/// settings object and rents the reader's buffer.
/// </summary>
internal static class RestResponseReader
{
    private static readonly ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> Serializers = new();

    public static async ValueTask<(T? Object, string Text)> ReadAsync<T>(
        HttpResponseMessage response,
        JsonSerializerSettings settings,
        CancellationToken cancellationToken)
    {
        if (response?.Content is not { } content)
        {
            return (default, string.Empty);
        }

        // The text is kept: error bodies travel on the exception. The body is already buffered by the resilience handler.
        string text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var serializer = SerializerFor(settings);
            using var reader = new JsonTextReader(new StringReader(text)) { ArrayPool = PooledChars.Instance };
            return (serializer.Deserialize<T>(reader), text);
        }
        catch (JsonException exception)
        {
            string message = "Could not deserialize the response body string as " + typeof(T).FullName + ".";
            throw new RestApiException(message, (int)response.StatusCode, text, RestCall.Headers(response), exception);
        }
    }

    /// <summary>Gets the one serializer kept for a settings object.</summary>
    public static JsonSerializer SerializerFor(JsonSerializerSettings settings) => Serializers.GetValue(settings, CreateSerializer);

    // Like JsonConvert, text after the JSON value is an error: a body with trailing bytes is not what it claims to be.
    private static JsonSerializer CreateSerializer(JsonSerializerSettings settings)
    {
        var serializer = JsonSerializer.Create(settings);
        serializer.CheckAdditionalContent = true;
        return serializer;
    }

    private sealed class PooledChars : IArrayPool<char>
    {
        public static readonly PooledChars Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}
