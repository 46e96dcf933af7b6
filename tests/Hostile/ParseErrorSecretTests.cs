using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// The parser echoes what it could not match. A secret after a misspelled option, or given without its option,
/// is not known as a secret by name, yet must not be printed.
/// </summary>
public sealed class ParseErrorSecretTests
{
    private const string Secret = "7c1f9e2ab04d4c6e8f3a5b9d0e2c4f61";
    private const string LetterSecret = "correcthorsebatterystaple";

    public static TheoryData<string[]> Mistakes => new()
    {
        new[] { "send-peer", "--from", "a", "--to", "b", "--payload", "x", "--customer-id", "c", "--customer-secert", Secret },
        new[] { "send-peer", "--from", "a", "--to", "b", "--payload", "x", "--customer-id", "c", "--customer-secert", LetterSecret },
        new[] { "send-peer", "--from", "a", "--to", "b", "--payload", "x", "--customer-id", "c", "--customer-secert=" + Secret },
        new[] { "send-peer", "--from", "a", "--to", "b", "--payload", "x", "--customer-id", "c", Secret },
        new[] { "--customer-id", "c", Secret, "events", "users" },
        new[] { "--app-certficate", Secret, "token", "build", "--user", "u" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_secret_the_parser_could_not_match_is_masked_in_its_error(string[] args)
    {
        var result = await CliHost.RunAsync(args);
        var json = await CliHost.RunAsync([.. args, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        (result.Stdout + result.Stderr + json.Stdout + json.Stderr).Should().NotContain(Secret).And.NotContain(LetterSecret);
        result.Stderr.Should().Contain("***");
    }

    [Fact]
    public async Task A_mistyped_command_is_still_shown_while_the_secret_after_it_is_masked()
    {
        var result = await CliHost.RunAsync(["send-peeer", "--customer-secert", Secret]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("send-peeer").And.Contain("--customer-secert").And.NotContain(Secret);
    }
}
