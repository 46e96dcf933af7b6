using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// HTTP Basic authentication with a customer ID and customer secret from Agora Console (RESTful API credentials).
/// </summary>
/// <remarks>With Basic authentication, messages may be sent as any user ID.</remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class BasicCredential : SignalingCredential
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _encoded;

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
        _encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(customerId + ":" + customerSecret));
        Secrets.Remember(customerSecret);
        Secrets.Remember(_encoded);
    }

    /// <summary>Gets the customer ID.</summary>
    public string CustomerId { get; }

    /// <inheritdoc />
    public override string ToString() => $"BasicCredential {{ CustomerId = {PrintableText.Escape(CustomerId)}, CustomerSecret = *** }}";

    internal override ValueTask ApplyAsync(HttpRequestMessage request, string? userId, TimeProvider time, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _encoded);
        return ValueTask.CompletedTask;
    }
}
