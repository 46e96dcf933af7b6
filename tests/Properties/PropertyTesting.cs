// Property-based tests (CsCheck). Replaying a failure:
//
// A failing property throws with a line such as
//     Set seed: "0N0XIzNsQ0O2" or -e CsCheck_Seed=0N0XIzNsQ0O2 to reproduce (3 shrinks, 12 skipped, 1,204 total).
// followed by the shrunk input. To replay it, run just that test with the seed in the environment; CsCheck starts
// from it, so the first iteration is the failing case:
//     CsCheck_Seed=0N0XIzNsQ0O2 dotnet test tests --filter "FullyQualifiedName~Properties.TokenParserProperties"
// or, while debugging, pass seed: "0N0XIzNsQ0O2" to that test's Sample call. The variable applies to every Sample in
// the run, hence the filter. CsCheck_Iter=N replaces every iteration count in this folder for a deeper run.
using CsCheck;

namespace Agora.Signaling.Tests.Properties;

/// <summary>Shared generators and settings of the property tests.</summary>
internal static class PropertyTesting
{
    /// <summary>The user-ID and channel-name characters of the messaging API, as the reference lists them.</summary>
    public const string MessagingSymbols = "!#$%&()+-:;<=.>?@[]^_{}|~,'";

    /// <summary>The same for the history API, which lacks ',' and '\''.</summary>
    public const string HistorySymbols = "!#$%&()+-:;<=.>?@[]^_{}|~";

    // Characters that break parsers, URLs, headers and encodings, drawn often so that short strings meet them.
    private const string Troublemakers =
        "\0\t\n\r\v\f\u001b\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffe\uffff\ud800\udbff\udc00\udfff" +
        " ./\\%+?#&=;:@\"'`*,<>[]{}|^~!$()" +
        "éßØ中文ｆ\u0301\u200b\u202e";

    private const string Alphanumerics = "abcxyzABCXYZ0189";

    /// <summary>Gets the iteration count to use: <paramref name="count"/>, unless CsCheck_Iter asks for another.</summary>
    public static long Iterations(long count) =>
        long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out long requested) && requested > 0 ? requested : count;

    /// <summary>
    /// Any string, weighted towards the ones that matter: short mixes of allowed and troublesome characters (so that
    /// both outcomes of a validator are common), every UTF-16 code unit including lone surrogate halves, whitespace-only
    /// and padded strings, dot segments, and strings far over every limit.
    /// </summary>
    public static readonly Gen<string> HostileString = Gen.Frequency<string>(
        (4, Gen.Char[Alphanumerics + MessagingSymbols + " "].Array[0, 70].Select(chars => new string(chars))),
        (4, Gen.Frequency<char>(
                (5, Gen.Char[Alphanumerics]),
                (3, Gen.Char[MessagingSymbols + " "]),
                (2, Gen.Char[Troublemakers]),
                (1, Gen.Char))
            .Array[0, 70].Select(chars => new string(chars))),
        (1, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.OneOf("", " ", "  ", "\t", "\r\n", "\u00a0", "\u3000", ".", "..", "...", "/", "%", "+", "%2F", "%00", "a%", "a b", " a", "a ", "a\0", "a\r\nX-Injected: 1", "\ud800", "a\udc00b", "😀")),
        (1, Gen.Select(Gen.Int[63, 66], Gen.Char[Alphanumerics + MessagingSymbols], (length, c) => new string(c, length))),
        (1, Gen.Select(Gen.Int[65, 40_000], Gen.Char, (length, c) => new string(c, length))));

    /// <summary>A user ID of the messaging API that may be a path segment: 1 to 64 allowed characters, not padded with spaces, not a dot segment.</summary>
    public static readonly Gen<string> MessagingPathId = PathId(MessagingSymbols);

    /// <summary>A user ID or channel name of the history API that may be a path segment.</summary>
    public static readonly Gen<string> HistoryPathId = PathId(HistorySymbols);

    public static bool HasControlCharacter(string text) => text.Any(char.IsControl);

    private static Gen<string> PathId(string symbols) =>
        Gen.Frequency<char>((1, Gen.Char[Alphanumerics]), (2, Gen.Char[symbols + " "]))
            .Array[1, 64]
            .Select(chars => new string(chars))
            .Where(id => id[0] != ' ' && id[^1] != ' ' && id is not ("." or ".."));
}

public sealed class PropertyTestingTests
{
    [Fact]
    public void A_failing_property_reports_a_seed_that_replays_the_failing_case()
    {
        var numbers = Gen.Int[0, 1_000_000];

        var run = () => numbers.Sample(n => n < 500_000, iter: 1_000, threads: 1);

        string message = run.Should().Throw<Exception>().Which.Message;
        var seed = System.Text.RegularExpressions.Regex.Match(message, "CsCheck_Seed=(\\S+)");
        seed.Success.Should().BeTrue($"the failure message should name the seed, but was: {message}");

        int replayed = -1;
        numbers.Sample(n => { replayed = n; return true; }, seed: seed.Groups[1].Value, iter: 1, threads: 1);
        replayed.Should().BeGreaterThanOrEqualTo(500_000, "the seed's first iteration is the failing case");
    }
}
