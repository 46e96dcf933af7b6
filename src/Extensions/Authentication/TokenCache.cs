namespace Agora.Signaling;

/// <summary>
/// Holds the token a provider returned until shortly before it expires, asking the provider again then;
/// one provider call at a time, however many requests are waiting.
/// </summary>
internal sealed class TokenCache(Func<CancellationToken, ValueTask<string>> provider, SignalingTokenVersion version, TimeSpan refreshMargin)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _current;

    public async ValueTask<CachedToken> GetAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (_current is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Task<string>? abandoned = null;
        try
        {
            var now = time.GetUtcNow();
            if (_current is { } refreshed && now < refreshed.RefreshAt)
            {
                return refreshed;
            }

            string token;
            Task<string>? asking = null;
            try
            {
                // A provider that ignores the token would otherwise hold a cancelled call for as long as it runs.
                asking = provider(cancellationToken).AsTask();
                token = await asking.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (asking is { IsCompleted: false })
            {
                abandoned = asking;
                throw;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new CredentialFailure("The token provider failed.", exception);
            }

            var entry = CachedToken.Create(token, version, "The token provider");
            var expiresAt = entry.Parsed.ExpiresAt ?? DateTimeOffset.MaxValue;
            if (expiresAt <= now)
            {
                throw new CredentialFailure($"The token provider returned a token that expired at {expiresAt:u}.");
            }

            // Refresh a margin before expiry, or halfway for tokens shorter than twice the margin.
            var margin = TimeSpan.FromTicks(Math.Min(refreshMargin.Ticks, (expiresAt - now).Ticks / 2));
            _current = entry with { RefreshAt = expiresAt - margin };
            return _current;
        }
        finally
        {
            if (abandoned is null)
            {
                _gate.Release();
            }
            else
            {
                // Still one provider call at a time: the next caller waits for the abandoned call to end, whose
                // outcome nobody reads (reading Exception keeps a late failure from going unobserved).
                _ = abandoned.ContinueWith(
                    static (ended, gate) =>
                    {
                        _ = ended.Exception;
                        ((SemaphoreSlim)gate!).Release();
                    },
                    _gate,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }
}

/// <summary>A token and what it holds.</summary>
internal sealed record CachedToken(string Token, SignalingToken Parsed, DateTimeOffset RefreshAt)
{
    /// <summary>Reads a configured or provided token; whitespace around it is trimmed, so the header carries the token alone.</summary>
    public static CachedToken Create(string? token, SignalingTokenVersion version, string source)
    {
        string kind = version == SignalingTokenVersion.AccessToken2 ? "an AccessToken2 (007…)" : "an AccessToken (006…)";
        if (token is null)
        {
            throw new CredentialFailure($"{source} did not give {kind}.");
        }

        token = token.Trim();
        SignalingToken parsed;
        try
        {
            parsed = SignalingToken.Parse(token);
        }
        catch (SignalingTokenFormatException exception)
        {
            // The parser's message says what is wrong without repeating the token.
            throw new CredentialFailure($"{source} did not give {kind}: {exception.Message}");
        }

        if (parsed.Version != version)
        {
            throw new CredentialFailure($"{source} did not give {kind}.");
        }

        if (version == SignalingTokenVersion.AccessToken2 && parsed.UserId is null)
        {
            throw new CredentialFailure($"{source} gave an AccessToken2 without a Signaling (RTM or RTM2) service.");
        }

        return new CachedToken(token, parsed, DateTimeOffset.MaxValue);
    }

    /// <summary>Reads a token given in configuration, refusing a wrong one as an argument error.</summary>
    public static CachedToken FromArgument(string token, SignalingTokenVersion version, string paramName)
    {
        ArgumentNullException.ThrowIfNull(token, paramName);
        try
        {
            return Create(token, version, "The token");
        }
        catch (CredentialFailure exception)
        {
            throw new ArgumentException(exception.Message, paramName, exception);
        }
    }

    public void ThrowIfExpired(TimeProvider time)
    {
        if (Parsed.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow())
        {
            throw new CredentialFailure($"The {Parsed.Version} token expired at {expiresAt:u}; configure a new one or a token provider.");
        }
    }
}
