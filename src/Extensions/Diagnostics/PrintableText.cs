using System.Globalization;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// Shows text that came from a token or from the service with its control and format characters escaped as
/// <c>\uXXXX</c>, so it cannot drive a terminal (ESC, BEL), forge lines (CR, LF, the Unicode separators) or
/// reorder what is shown (bidi overrides such as U+202E, which are format characters).
/// </summary>
/// <remarks>
/// The tool compiles this same file in (see cli/Agora.Signaling.Cli.csproj), so the SDK's <c>ToString</c>
/// and the tool's output escape alike.
/// </remarks>
internal static class PrintableText
{
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return text;
        }

        var printable = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                // Astral format characters exist too: the tag characters U+E0001–U+E007F can carry hidden text.
                int codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.Format)
                {
                    printable.Append(CultureInfo.InvariantCulture, $"\\U{codePoint:X8}");
                }
                else
                {
                    printable.Append(c).Append(text[i + 1]);
                }

                i++;
            }
            else if (MustEscape(c))
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }

    // A lone surrogate is escaped too: it is not text, and terminals show it unpredictably.
    private static bool MustEscape(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
