using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agora.Signaling.Tests.Hardening;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 for answers WireMock cannot give: bodies produced lazily as the
/// client reads them (huge, endless or dribbled), and raw bytes that no well-behaved HTTP server would write.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    public const string AppId = "876922cbca0098dff4323566daa89675";

    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Starts a server that answers every request with <paramref name="handler"/>.</summary>
    public static Task<LoopbackServer> StartAsync(RequestDelegate handler) =>
        StartAsync(listen => { }, app => app.Run(handler));

    /// <summary>
    /// Starts a server that reads each request's head and body, then writes <paramref name="rawResponse"/> byte for
    /// byte and closes the connection: for headers with control characters, which Kestrel refuses to send.
    /// </summary>
    public static Task<LoopbackServer> StartRawAsync(byte[] rawResponse) =>
        StartAsync(listen => listen.Run(connection => AnswerRawAsync(connection, rawResponse)), app => { });

    /// <summary>Options pointing both APIs at this server, with retries and rate limits off so one request is one attempt.</summary>
    public SignalingClientOptions Options(TimeSpan? timeout = null)
    {
        var options = new SignalingClientOptions
        {
            AppId = AppId,
            Endpoint = Endpoint,
            HistoryEndpoint = Endpoint,
            Credential = new BasicCredential("hardening-customer", "hardening-secret"),
            Timeout = timeout ?? SignalingClientOptions.DefaultTimeout,
        };
        options.Retry.MaxRetries = 0;
        options.RateLimits.Enabled = false;
        return options;
    }

    /// <summary>Registers the SDK's dependency-injected client against this server, with <see cref="Options"/>' endpoints and credential.</summary>
    public IHttpClientBuilder AddSignaling(IServiceCollection services, Action<SignalingClientOptions>? configure = null) =>
        services.AddAgoraSignaling(o =>
        {
            var defaults = Options();
            o.AppId = defaults.AppId;
            o.Endpoint = defaults.Endpoint;
            o.HistoryEndpoint = defaults.HistoryEndpoint;
            o.Credential = defaults.Credential;
            o.Retry.MaxRetries = 0;
            configure?.Invoke(o);
        });

    public async ValueTask DisposeAsync()
    {
        // Handlers that stream forever stop on RequestAborted; the grace period only bounds a stuck one.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private static async Task<LoopbackServer> StartAsync(Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> listen, Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen));
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task AnswerRawAsync(ConnectionContext connection, byte[] rawResponse)
    {
        var input = connection.Transport.Input;
        long bodyLeft = -1;
        while (true)
        {
            var read = await input.ReadAsync(connection.ConnectionClosed);
            var buffer = read.Buffer;
            if (bodyLeft < 0 && FindHeadEnd(buffer) is long headEnd)
            {
                bodyLeft = ContentLength(Encoding.ASCII.GetString(buffer.Slice(0, headEnd).ToArray()));
                buffer = buffer.Slice(headEnd);
            }

            if (bodyLeft >= 0)
            {
                long consumed = Math.Min(bodyLeft, buffer.Length);
                bodyLeft -= consumed;
                buffer = buffer.Slice(consumed);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (bodyLeft == 0 || read.IsCompleted)
            {
                break;
            }
        }

        await connection.Transport.Output.WriteAsync(rawResponse);
        await connection.Transport.Output.CompleteAsync();
    }

    private static long? FindHeadEnd(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8, advancePastDelimiter: true) ? reader.Consumed : null;
    }

    private static long ContentLength(string head)
    {
        foreach (string line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

/// <summary>
/// A client transport that watches its own sockets: how many bytes it read and how many connections it closed,
/// which is what the SDK did, whatever the server managed to notice.
/// </summary>
public sealed class ObservedTransport : IDisposable
{
    private long _bytesRead;
    private int _connectionsClosed;

    public ObservedTransport()
    {
        Handler = new SocketsHttpHandler { ConnectCallback = ConnectAsync };
    }

    public SocketsHttpHandler Handler { get; }

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public int ConnectionsClosed => Volatile.Read(ref _connectionsClosed);

    /// <summary>Returns the bytes read so far and starts counting again.</summary>
    public long TakeBytesRead() => Interlocked.Exchange(ref _bytesRead, 0);

    public void Dispose() => Handler.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new ObservedStream(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true), this);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class ObservedStream(Stream inner, ObservedTransport owner) : Stream
    {
        private int _disposed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int count = await inner.ReadAsync(buffer, cancellationToken);
            Interlocked.Add(ref owner._bytesRead, count);
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            Interlocked.Add(ref owner._bytesRead, read);
            return read;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                inner.Dispose();
                Interlocked.Increment(ref owner._connectionsClosed);
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            Dispose(disposing: true);
            await base.DisposeAsync();
        }
    }
}
