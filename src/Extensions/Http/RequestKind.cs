namespace Agora.Signaling;

/// <summary>What a retry may assume about an operation, declared in the contract as <c>x-signaling-kind</c>.</summary>
internal enum RequestKind
{
    /// <summary>A message: no idempotency key, so a resend may deliver it twice (<c>send</c>).</summary>
    Send,

    /// <summary>An event pull: the service deletes what it returns, so a lost response loses events (<c>destructive-read</c>).</summary>
    DestructiveRead,

    /// <summary>A history read or legacy query: safe to repeat (<c>read</c>).</summary>
    Read,
}
