using System.Globalization;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>What a terminal may be shown of text that came from a token or the service.</summary>
internal static class TerminalSafety
{
    /// <summary>Fails unless the only control characters are the line ends the tool itself writes: no ESC, BEL, CR, bidi override or separator.</summary>
    public static void Assert(string text)
    {
        foreach (char c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (c != '\n' && category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                Xunit.Assert.Fail($"U+{(int)c:X4} reached the terminal in:\n{text.Replace('\u001b', '?')}");
            }
        }
    }
}
