using System.Runtime.CompilerServices;

namespace Agora.Signaling;

/// <summary>
/// Builds a request URL for the generated clients in a caller-supplied buffer: path segments are escaped, and query
/// values are joined with <c>?</c> and <c>&amp;</c>. Only the final string is allocated.
/// </summary>
internal ref struct RestUrl
{
    private DefaultInterpolatedStringHandler _text;
    private bool _hasQuery;

    public RestUrl(string baseUrl, Span<char> buffer)
    {
        _text = new DefaultInterpolatedStringHandler(0, 0, null, buffer);
        _text.AppendLiteral(baseUrl);
    }

    /// <summary>Appends a fixed part of the operation's path, as written in the contract.</summary>
    public void AppendLiteral(string text) => _text.AppendLiteral(text);

    /// <summary>Appends a path parameter, escaped so that it stays one segment.</summary>
    public void AppendSegment(string value) => _text.AppendLiteral(Uri.EscapeDataString(value));

    /// <summary>Appends a query parameter, escaped.</summary>
    public void AppendQuery(string name, string value)
    {
        _text.AppendFormatted(_hasQuery ? '&' : '?');
        _hasQuery = true;
        _text.AppendLiteral(Uri.EscapeDataString(name));
        _text.AppendFormatted('=');
        _text.AppendLiteral(Uri.EscapeDataString(value));
    }

    public string ToStringAndClear() => _text.ToStringAndClear();
}
