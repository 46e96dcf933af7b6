using System.Diagnostics;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// HTTP Basic authentication with a customer ID and customer secret from Agora Console (RESTful API credentials).
/// </summary>
/// <remarks>With Basic authentication, messages may be sent as any user ID.</remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BasicCredential : SignalingCredential
{
    // The whole header value, built once: it is Base64, so it needs no validation per request, and a parsed
    // AuthenticationHeaderValue would be allocated and turned back into this text for every request.
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _headerValue;

    /// <summary>Initializes a new instance of the <see cref="BasicCredential"/> class.</summary>
    /// <param name="customerId">The customer ID (RESTful API key).</param>
    /// <param name="customerSecret">The customer secret.</param>
    /// <exception cref="ArgumentException">A value is empty, or the customer ID contains a colon or a control character.</exception>
    public BasicCredential(string customerId, string customerSecret)
    {
        SignalingValidation.Required(customerId, nameof(customerId));
        SignalingValidation.Required(customerSecret, nameof(customerSecret));
        if (customerId.Contains(':', StringComparison.Ordinal))
        {
            // RFC 7617: the user-id of Basic authentication cannot contain a colon.
            throw new ArgumentException("The customer ID must not contain ':'.", nameof(customerId));
        }

        if (customerId.Any(char.IsControl))
        {
            throw new ArgumentException("The customer ID must not contain control characters.", nameof(customerId));
        }

        if (customerSecret.Any(char.IsControl))
        {
            throw new ArgumentException("The customer secret must not contain control characters.", nameof(customerSecret));
        }

        CustomerId = customerId;
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(customerId + ":" + customerSecret));
        _headerValue = "Basic " + encoded;
        Secrets.Remember(customerSecret);
        Secrets.Remember(encoded);
    }

    /// <summary>Gets the customer ID.</summary>
    public string CustomerId { get; }

    /// <inheritdoc />
    public override string ToString() => $"BasicCredential {{ CustomerId = {PrintableText.Escape(CustomerId)}, CustomerSecret = *** }}";

    internal override ValueTask ApplyAsync(HttpRequestMessage request, string? userId, TimeProvider time, CancellationToken cancellationToken)
    {
        // Replaced, not added, so a retried attempt carries one value.
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", _headerValue);
        return ValueTask.CompletedTask;
    }
}
