namespace Agora.Signaling;

// User and channel event pulls: each pull deletes what it returns.
public partial class SignalingClient
{
    /// <inheritdoc />
    public virtual Task<UserEventsResponse> GetUserEventsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(
            SignalingOperations.GetUserEvents,
            this,
            static (self, context, ct) => self._events.GetUserEventsAsync(self.AppId, context, ct),
            static (response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(response.Result, null, response.RequestId, context);
                response.Events = WireValues.WithoutNulls(response.Events) ?? new List<UserEvent>();
                return response;
            },
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<ChannelEventsResponse> GetChannelEventsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(
            SignalingOperations.GetChannelEvents,
            this,
            static (self, context, ct) => self._events.GetChannelEventsAsync(self.AppId, context, ct),
            static (response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(response.Result, null, response.RequestId, context);
                response.Events = WireValues.WithoutNulls(response.Events) ?? new List<ChannelEvent>();
                return response;
            },
            cancellationToken);
}
