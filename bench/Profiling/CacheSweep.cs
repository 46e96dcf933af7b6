namespace Agora.Signaling.Benchmarks.Profiling;

/// <summary>
/// Reads one byte of every cache line of a 2 MB array, which pushes the core's own caches (L1 and L2) out, as the
/// loopback server and the kernel do between a request and its answer. A target named "X+swept" runs this before each
/// call of X: the same sweep on both sides of a comparison, so what differs is what each call costs from cold caches,
/// which blocks on loopback measure only through the noise of two processes sharing two cores.
/// </summary>
internal static class CacheSweep
{
    private const int CacheLine = 64;

    private static readonly byte[] Lines = new byte[2 * 1024 * 1024];

    private static int s_sink;

    public static void Run()
    {
        int sum = 0;
        var lines = Lines;
        for (int i = 0; i < lines.Length; i += CacheLine)
        {
            sum += lines[i];
        }

        s_sink = sum;
    }
}
