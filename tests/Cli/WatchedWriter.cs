using System.Text;

namespace Agora.Signaling.Tests.Cli;

/// <summary>A thread-safe string writer that lets a test wait until some text has been written.</summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly object _gate = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }

    public async Task WaitForAsync(string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!ToString().Contains(expected, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{expected}' was not written within {timeout}. Written so far:\n{this}");
            }

            await Task.Delay(10);
        }
    }
}
