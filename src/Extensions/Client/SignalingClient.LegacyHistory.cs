namespace Agora.Signaling;

// The deprecated RTM-era history query API.
public partial class SignalingClient
{
    /// <inheritdoc />
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    public virtual async Task<HistoryQueryCreatedResponse> CreateHistoryQueryAsync(LegacyHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate(nameof(query));
        var body = query.ToRequest();
        return await CallAsync(
            SignalingOperations.CreateHistoryQuery,
            (this, body),
            static (s, context, ct) => s.Item1._legacyHistory.CreateHistoryQueryAsync(s.Item1.AppId, s.body, context, ct),
            static (response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(response.Result, null, null, context);
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    public virtual async Task<HistoryQueryResultResponse> GetHistoryQueryResultAsync(string handle, CancellationToken cancellationToken = default)
    {
        SignalingValidation.Required(handle, nameof(handle));
        foreach (char c in handle)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                throw new ArgumentException("The handle may contain only ASCII letters, digits, '-' and '_'; pass the last segment of the query's location.", nameof(handle));
            }
        }

        return await CallAsync(
            SignalingOperations.GetHistoryQueryResult,
            (this, handle),
            static (s, context, ct) => s.Item1._legacyHistory.GetHistoryQueryResultAsync(s.Item1.AppId, s.handle, context, ct),
            static (response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(response.Result, response.Code, null, context);
                response.Messages = WireValues.WithoutNulls(response.Messages) ?? new List<LegacyHistoryMessage>();
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    public virtual async Task<HistoryCountResponse> GetHistoryCountAsync(LegacyHistoryQuery filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate(nameof(filter));
        return await CallAsync(
            SignalingOperations.GetHistoryCount,
            (this, filter),
            static (s, context, ct) => s.Item1._legacyHistory.GetHistoryCountAsync(s.Item1.AppId, s.filter.Source, s.filter.Destination, LegacyHistoryQuery.FormatTime(s.filter.StartTime), LegacyHistoryQuery.FormatTime(s.filter.EndTime), context, ct),
            static (response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(response.Result, response.Code, null, context);
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
