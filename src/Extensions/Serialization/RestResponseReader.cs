using System.Buffers;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;

namespace Agora.Signaling;

/// <summary>
/// Reads a response body into its model for the generated clients (through <see cref="RestCall"/>). NSwag's own
/// reader built a serializer and a 2 KB character buffer for every response and kept the body as a string; this one
/// keeps one serializer per settings object, decodes the body into pooled buffers, and reads the text only when an
/// exception needs it.
/// </summary>
internal static class RestResponseReader
{
    private static readonly ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> Serializers = new();

    // For the values a flat model's reader hands back to Newtonsoft inside a body, which must not check for more
    // content after themselves (Newtonsoft's own reads inside an object do not).
    private static readonly ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> ValueSerializers = new();

    /// <summary>Reads the documented success body into its model; the text is read only for an exception, from the buffered body.</summary>
    public static async ValueTask<T> ReadAsync<T>(HttpResponseMessage response, JsonSerializerSettings settings, CancellationToken cancellationToken)
    {
        var content = response.Content;

        // The resilience handler has buffered the body already; this makes sure of it, so the reads below never block.
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        T? result;
        try
        {
            using var text = PooledTextReader.Decode(content.ReadAsStream(cancellationToken), DeclaredEncoding(content));
            using var reader = new JsonTextReader(text) { ArrayPool = PooledChars.Instance };
            var serializer = SerializerFor(settings);
            var resolver = serializer.ContractResolver as SignalingContractResolver;
            reader.PropertyNameTable = resolver?.PropertyNames;
            result = resolver?.FlatReaderFor(typeof(T)) is { } flat
                ? (T?)flat.ReadBody(reader, serializer, ValueSerializers.GetValue(settings, CreateValueSerializer))
                : serializer.Deserialize<T>(reader);
        }
        catch (JsonException exception)
        {
            string message = "Could not deserialize the response body string as " + typeof(T).FullName + ".";
            throw new RestApiException(message, (int)response.StatusCode, await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), RestCall.Headers(response), exception);
        }

        return result ?? throw new RestApiException("Response was null which was not expected.", (int)response.StatusCode, await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), RestCall.Headers(response), null);
    }

    /// <summary>Gets the encoding of the charset a response declares, quoted or not; <see langword="null"/> when it declares none or one .NET does not know.</summary>
    public static System.Text.Encoding? DeclaredEncoding(HttpContent content)
    {
        if (DeclaresUtf8(content))
        {
            return System.Text.Encoding.UTF8;
        }

        if (content.Headers.ContentType?.CharSet is not { Length: > 0 } charset)
        {
            return null;
        }

        // Agora declares UTF-8 on every answer; naming it is not worth Encoding.GetEncoding's lookup on each read.
        if (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8;
        }

        try
        {
            return System.Text.Encoding.GetEncoding(charset is ['"', .. var quoted, '"'] ? quoted : charset);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the response's Content-Type is, character for character bar case, one of the usual spellings of UTF-8 JSON.
    /// Looked at as it came, not parsed: parsing it cost every call about a tenth of a microsecond and three objects.
    /// </summary>
    public static bool DeclaresUtf8(HttpContent content) =>
        content.Headers.NonValidated.TryGetValues("Content-Type", out var values) && values.Count == 1
        && values.ToString() is { } value
        && (value.Equals("application/json;charset=utf-8", StringComparison.OrdinalIgnoreCase)
            || value.Equals("application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets the one serializer kept for a settings object.</summary>
    public static JsonSerializer SerializerFor(JsonSerializerSettings settings) => Serializers.GetValue(settings, CreateSerializer);

    // Like JsonConvert, text after the JSON value is an error: a body with trailing bytes is not what it claims to be.
    // Agora's answers carry no Json.NET metadata: a "$ref" or "$id" from the wire is an unknown field like any other,
    // not an instruction to resolve a reference. The 2020 spellings are read as they are set, without the models'
    // reflection-invoked callbacks.
    private static JsonSerializer CreateSerializer(JsonSerializerSettings settings)
    {
        var serializer = JsonSerializer.Create(settings);
        serializer.CheckAdditionalContent = true;
        serializer.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        serializer.ContractResolver = settings.ContractResolver ?? SignalingContractResolver.Instance;
        return serializer;
    }

    private static JsonSerializer CreateValueSerializer(JsonSerializerSettings settings)
    {
        var serializer = CreateSerializer(settings);
        serializer.CheckAdditionalContent = false;
        return serializer;
    }

    /// <summary>Newtonsoft's character buffers, rented from the shared pool.</summary>
    internal sealed class PooledChars : IArrayPool<char>
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
