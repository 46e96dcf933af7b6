using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling;

// Signaling 2.x publishing to message and user channels.
public partial class SignalingClient
{
    // Independent of JsonConvert.DefaultSettings, which an application may have set for its own purposes.
    private static readonly JsonSerializer MessageSerializer = JsonSerializer.Create();

    /// <inheritdoc />
    public virtual Task<PublishResponse> PublishAsync(string fromUserId, PublishChannelType channelType, string channelName, string message, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidatePublish(fromUserId, channelType, channelName, options);
        SignalingValidation.JsonMessage(message, nameof(message));
        return PublishCoreAsync(fromUserId, channelType, channelName, message, options, cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<PublishResponse> PublishAsync<TMessage>(string fromUserId, PublishChannelType channelType, string channelName, TMessage message, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidatePublish(fromUserId, channelType, channelName, options);
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message), "The message is required.");
        }

        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        MessageSerializer.Serialize(writer, message, typeof(TMessage));
        string json = writer.ToString();
        SignalingValidation.Payload(json, nameof(message));
        return PublishCoreAsync(fromUserId, channelType, channelName, json, options, cancellationToken);
    }

    private void ValidatePublish(string fromUserId, PublishChannelType channelType, string channelName, PublishOptions? options)
    {
        ValidateSender(fromUserId, nameof(fromUserId));
        if (!Enum.IsDefined(channelType))
        {
            throw new ArgumentOutOfRangeException(nameof(channelType), channelType, "The channel type must be Message or User.");
        }

        SignalingValidation.MessagingPathId(channelName, nameof(channelName));
        if (options?.CustomType is { } customType)
        {
            SignalingValidation.CustomType(customType, nameof(options));
        }
    }

    // The JSON text goes out as written: JRaw makes the body serializer copy it instead of quoting it as a string.
    // The quota is per channel, so the call names its channel for the rate limiter.
    private Task<PublishResponse> PublishCoreAsync(string fromUserId, PublishChannelType channelType, string channelName, string json, PublishOptions? options, CancellationToken cancellationToken) =>
        CallAsync(
            SignalingOperations.Publish,
            (this, fromUserId, channelType, channelName, body: (object)new JRaw(json), store: options?.StoreInHistory == true ? true : (bool?)null, customType: options?.CustomType),
            static (s, context, ct) => s.Item1._publish.PublishAsync(s.Item1.AppId, s.fromUserId, s.channelType, s.channelName, s.store, s.customType, s.body, context, ct),
            static (response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(response.Error, response.ErrorCode, response.Reason, response.RequestId, context);
                return response;
            },
            cancellationToken,
            fromUserId,
            rateLimitKey: (channelType == PublishChannelType.User ? "user:" : "message:") + channelName);
}
