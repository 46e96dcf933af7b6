using System.Text;

namespace Agora.Signaling;

/// <summary>
/// Checks input against the limits Agora documents, so bad input fails with an
/// <see cref="ArgumentException"/> naming the parameter and the rule before anything is sent.
/// </summary>
internal static class SignalingValidation
{
    /// <summary>The largest payload, in UTF-8 bytes. Agora says "32 KB" without a unit base; 32,768 is the documented choice.</summary>
    public const int MaxPayloadBytes = 32 * 1024;

    public const int MaxIdLength = 64;

    public const int MaxCustomTypeLength = 32;

    private const string MessagingSymbols = "!#$%&()+-:;<=.>?@[]^_{}|~,'";
    private const string HistorySymbols = "!#$%&()+-:;<=.>?@[]^_{}|~";

    // Lookup tables instead of a regex: this runs on every call.
    private static readonly bool[] MessagingAllowed = BuildTable(MessagingSymbols);
    private static readonly bool[] HistoryAllowed = BuildTable(HistorySymbols);

    public static void AppId(string? value, string paramName)
    {
        Required(value, paramName);
        if (value!.Length > MaxIdLength)
        {
            throw new ArgumentException($"The app ID must be at most {MaxIdLength} characters (it has {value.Length}).", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(value[i]))
            {
                throw new ArgumentException($"The app ID may contain only ASCII letters and digits; found {Describe(value, i)}.", paramName);
            }
        }
    }

    /// <summary>A user ID or channel name sent in a JSON body of the messaging API.</summary>
    public static void MessagingId(string? value, string paramName) => Id(value, paramName, MessagingAllowed, MessagingSymbols, inPath: false);

    /// <summary>A user ID that becomes a path segment of the messaging API.</summary>
    public static void MessagingPathId(string? value, string paramName) => Id(value, paramName, MessagingAllowed, MessagingSymbols, inPath: true);

    /// <summary>A user ID or channel name that becomes a path segment of the history API.</summary>
    public static void HistoryPathId(string? value, string paramName) => Id(value, paramName, HistoryAllowed, HistorySymbols, inPath: true);

    public static void Payload(string? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, "The payload is required.");
        }

        if (value.Length == 0)
        {
            throw new ArgumentException("The payload must not be empty.", paramName);
        }

        // A lone surrogate half has no UTF-8 form: the request body would silently carry U+FFFD in its place.
        int surrogate = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogate >= 0 && LoneSurrogateAt(value, surrogate) is int lone)
        {
            throw new ArgumentException($"The payload has an unpaired UTF-16 surrogate at index {lone}, which UTF-8 cannot carry.", paramName);
        }

        // Cheap bound first: a UTF-8 encoding is never longer than 3 bytes per UTF-16 unit.
        if (value.Length * 3 > MaxPayloadBytes)
        {
            int bytes = Encoding.UTF8.GetByteCount(value);
            if (bytes > MaxPayloadBytes)
            {
                throw new ArgumentException($"The payload must be at most {MaxPayloadBytes} bytes in UTF-8 (it has {bytes}).", paramName);
            }
        }
    }

    /// <summary>A 2.x publish's custom type: 1 to 32 characters.</summary>
    public static void CustomType(string value, string paramName)
    {
        if (value.Length is 0 or > MaxCustomTypeLength)
        {
            throw new ArgumentException($"The custom type must be 1 to {MaxCustomTypeLength} characters (it has {value.Length}).", paramName);
        }
    }

    /// <summary>A 2.x publish's message given as text: a payload that is one JSON value, since the service reads the body as JSON (415 otherwise).</summary>
    public static void JsonMessage(string? value, string paramName)
    {
        Payload(value, paramName);
        try
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(value!)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            reader.Read();
            reader.Skip();
            if (reader.Read())
            {
                throw new Newtonsoft.Json.JsonReaderException("More than one JSON value.");
            }
        }
        catch (Newtonsoft.Json.JsonException exception)
        {
            throw new ArgumentException("The message must be JSON text, such as {\"text\":\"Hello\"} or \"Hello\" with its quotes (" + exception.GetType().Name + ").", paramName);
        }
    }

    public static void Range(long value, long min, long max, string paramName)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"The value must be from {min} to {max}.");
        }
    }

    public static void NonNegative(long value, string paramName)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The value must not be negative.");
        }
    }

    public static void Required(string? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (value.Length == 0)
        {
            throw new ArgumentException("The value must not be empty.", paramName);
        }
    }

    private static void Id(string? value, string paramName, bool[] allowed, string symbols, bool inPath)
    {
        Required(value, paramName);
        if (value!.Length > MaxIdLength)
        {
            throw new ArgumentException($"The value must be 1 to {MaxIdLength} characters (it has {value.Length}).", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= allowed.Length || !allowed[c])
            {
                throw new ArgumentException(
                    $"The value may contain only a-z, A-Z, 0-9, space and {symbols}; found {Describe(value, i)}.", paramName);
            }
        }

        if (inPath)
        {
            if (value[0] == ' ' || value[^1] == ' ')
            {
                throw new ArgumentException("The value is a URL path segment, so its first and last characters must not be spaces.", paramName);
            }

            // "." and ".." are legal IDs, but every URL parser collapses them as dot segments.
            if (value is "." or "..")
            {
                throw new ArgumentException("The value is a URL path segment, so it must not be \".\" or \"..\".", paramName);
            }
        }
    }

    private static int? LoneSurrogateAt(string value, int from)
    {
        for (int i = from; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static bool[] BuildTable(string symbols)
    {
        var table = new bool[128];
        for (char c = '0'; c <= '9'; c++)
        {
            table[c] = true;
        }

        for (char c = 'a'; c <= 'z'; c++)
        {
            table[c] = true;
            table[char.ToUpperInvariant(c)] = true;
        }

        table[' '] = true;
        foreach (char c in symbols)
        {
            table[c] = true;
        }

        return table;
    }

    // Names the offending character without echoing control characters into messages and logs. An emoji is one code
    // point in two UTF-16 units; naming the first unit alone (U+D83D) would name no character at all.
    private static string Describe(string value, int index)
    {
        char c = value[index];
        if (char.IsHighSurrogate(c) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
        {
            return $"U+{char.ConvertToUtf32(c, value[index + 1]):X4}";
        }

        return char.IsControl(c) || char.IsWhiteSpace(c) || c > 126 ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
    }
}
