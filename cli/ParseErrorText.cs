using System.Text.RegularExpressions;

namespace Agora.Signaling.Cli;

/// <summary>Rewrites System.CommandLine's parse errors for people: "expected type 'System.Int64'" says nothing to a shell user.</summary>
internal static partial class ParseErrorText
{
    [GeneratedRegex(@"as expected type '(?:System\.Nullable`1\[)?System\.(?:Int64|Int32|UInt32|UInt64)\]?'")]
    private static partial Regex WholeNumberType();

    public static string Plain(string message) => WholeNumberType().Replace(message, "as a whole number");
}
