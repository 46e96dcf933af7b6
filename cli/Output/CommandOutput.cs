namespace Agora.Signaling.Cli.Output;

/// <summary>Where a command writes: results to stdout (as text or JSON), notes and errors to stderr.</summary>
internal sealed class CommandOutput(TextWriter stdout, TextWriter stderr, bool json)
{
    public bool IsJson => json;

    /// <summary>Writes a result: <paramref name="jsonValue"/> in JSON mode, otherwise the lines <paramref name="human"/> writes.</summary>
    public void Result(object jsonValue, Action<TextWriter> human)
    {
        if (json)
        {
            Json(jsonValue);
        }
        else
        {
            human(stdout);
        }
    }

    public void Json(object value) => stdout.WriteLine(JsonOutput.Serialize(value));

    /// <summary>Writes a line of human output; nothing in JSON mode, where stdout carries only JSON.</summary>
    public void Line(string text)
    {
        if (!json)
        {
            stdout.WriteLine(text);
        }
    }

    /// <summary>Writes to stderr, which never carries results, so notes do not break JSON on stdout.</summary>
    public void Note(string text) => stderr.WriteLine(text);
}
