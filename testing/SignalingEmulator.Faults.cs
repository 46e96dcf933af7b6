using System.Globalization;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;

namespace Agora.Signaling.Testing;

// Fault injection: a scripted queue consumed one request at a time, and an optional random rate.
public sealed partial class SignalingEmulator
{
    private readonly Queue<EmulatorFault> _scriptedFaults = new();
    private Random? _faultRandom;
    private double _faultRate;
    private EmulatorFault[] _randomFaults = [];
    private long _faultsInjected;

    /// <summary>Gets how many faults have been injected so far.</summary>
    public long FaultsInjected => Interlocked.Read(ref _faultsInjected);

    /// <summary>Gets a loopback URL on which nothing listens, for a host that refuses connections.</summary>
    /// <returns>A URL such as <c>http://127.0.0.1:40123/</c>.</returns>
    public static Uri UnreachableEndpoint() => new($"http://127.0.0.1:{FindFreeLoopbackPort()}/");

    /// <summary>Answers the next requests with these faults, one each, in order; later requests are served normally.</summary>
    /// <param name="faults">The faults.</param>
    public void InjectFaults(params EmulatorFault[] faults)
    {
        lock (_gate)
        {
            foreach (var fault in faults)
            {
                _scriptedFaults.Enqueue(fault);
            }
        }
    }

    /// <summary>Answers a share of all later requests with a fault picked at random from <paramref name="faults"/>.</summary>
    /// <param name="rate">The share of requests, from 0 to 1.</param>
    /// <param name="seed">The seed, so that a run can be replayed.</param>
    /// <param name="faults">The faults to pick from.</param>
    public void InjectRandomFaults(double rate, int seed, params EmulatorFault[] faults)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (_gate)
        {
            _faultRate = rate;
            _faultRandom = new Random(seed);
            _randomFaults = faults;
        }
    }

    private EmulatorFault? NextFault()
    {
        lock (_gate)
        {
            EmulatorFault? fault = _scriptedFaults.Count > 0 ? _scriptedFaults.Dequeue()
                : _faultRandom is not null && _randomFaults.Length > 0 && _faultRandom.NextDouble() < _faultRate ? _randomFaults[_faultRandom.Next(_randomFaults.Length)]
                : null;
            if (fault is not null)
            {
                _faultsInjected++;
            }

            return fault;
        }
    }

    // Runs in front of WireMock, where the connection itself can be aborted; also counts every request.
    private async Task InjectFaultsAsync(HttpContext context, Func<Task> next)
    {
        // The path as the client sent it, before Kestrel decoded it; see PathSegments.
        context.Request.Headers[RawTargetHeader] = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;

        // A test seeding the emulator must not use up the faults it queued for the code under test, nor count as its traffic.
        if (IsControlPath(context.Request.Path))
        {
            await next().ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _totalRequests);
        var fault = NextFault();
        if (fault is null)
        {
            await next().ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var buffered = new MemoryStream();
        if (fault.AfterProcessing)
        {
            // Let WireMock process the request, but hold its answer back.
            context.Response.Body = buffered;
            await next().ConfigureAwait(false);
            context.Response.Body = original;
        }

        switch (fault.Kind)
        {
            case EmulatorFaultKind.DropConnection:
                context.Abort();
                return;
            case EmulatorFaultKind.Delay:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                buffered.Position = 0;
                context.Response.ContentLength = buffered.Length;
                await buffered.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
                return;
            default:
                context.Response.Clear();
                context.Response.StatusCode = fault.StatusCode;
                context.Response.ContentType = "application/json; charset=utf-8";
                if (fault.RetryAfter is TimeSpan retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                object body = context.Request.Path.StartsWithSegments("/rtm/v2", StringComparison.Ordinal)
                    ? HistoryErrorBody(fault.StatusCode, "Injected fault")
                    : DevErrorBody("Injected fault");
                await context.Response.WriteAsync(JsonConvert.SerializeObject(body, WireSettings), context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }
}
