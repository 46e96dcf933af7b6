using System.Globalization;

namespace Agora.Signaling.Benchmarks.Soak;

/// <summary>Counts this machine's TCP sockets to one port by state, from <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c> (Linux only).</summary>
public static class SocketCensus
{
    public static (int Established, int TimeWait, int Other) ToRemotePort(int port)
    {
        int established = 0, timeWait = 0, other = 0;
        foreach (string file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (string line in File.ReadLines(file).Skip(1))
            {
                // "sl local_address rem_address st ...": addresses are HEX_IP:HEX_PORT, st is the hex TCP state.
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || int.Parse(fields[2][(fields[2].IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                {
                    continue;
                }

                switch (fields[3])
                {
                    case "01": established++; break;
                    case "06": timeWait++; break;
                    default: other++; break;
                }
            }
        }

        return (established, timeWait, other);
    }

    public static int OpenFileDescriptors() =>
        Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : -1;
}
