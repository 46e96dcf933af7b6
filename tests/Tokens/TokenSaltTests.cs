namespace Agora.Signaling.Tests.Tokens;

/// <summary>Salts come from the cryptographic generator through a per-thread buffer: in range, spread evenly, never repeating a run.</summary>
public sealed class TokenSaltTests
{
    private const int Draws = 20_000;

    [Fact]
    public void Salts_are_in_the_reference_range_and_spread_over_it()
    {
        var salts = Enumerable.Range(0, Draws).Select(_ => TokenSalt.Next()).ToList();

        salts.Should().OnlyContain(s => s >= 1 && s <= 99_999_999);

        // 20,000 draws from 10^8 values repeat about twice by chance; a buffer served twice would repeat 64 at once.
        salts.Distinct().Count().Should().BeGreaterThan(Draws - 20);

        // The mean of a uniform draw is 5 * 10^7 with a standard error of about 0.2 * 10^6 here; a biased or
        // truncated draw (such as a modulo of too few bits) lands far outside.
        salts.Average(s => (double)s).Should().BeInRange(45_000_000, 55_000_000);
        salts.Count(s => s < 10_000_000).Should().BeInRange(Draws / 10 * 8 / 10, Draws / 10 * 12 / 10);
        salts.Count(s => s > 90_000_000).Should().BeInRange(Draws / 10 * 8 / 10, Draws / 10 * 12 / 10);
    }

    [Fact]
    public async Task Concurrent_draws_do_not_repeat_each_other()
    {
        var first = Task.Run(() => Enumerable.Range(0, 200).Select(_ => TokenSalt.Next()).ToList());
        var second = Task.Run(() => Enumerable.Range(0, 200).Select(_ => TokenSalt.Next()).ToList());

        var salts = await Task.WhenAll(first, second);

        salts[0].Intersect(salts[1]).Should().HaveCountLessThan(3);
    }

    [Fact]
    public void Tokens_built_without_a_salt_get_different_ones()
    {
        const string AppId = "970CA35de60c44645bbae8a215061b33", Certificate = "5CFd2fd1755d40ecb72977518be15d3b";

        var salts = Enumerable.Range(0, 100)
            .Select(_ => SignalingToken.Parse(SignalingTokenBuilder.BuildLegacyAccessToken(AppId, Certificate, "alice", TimeSpan.FromHours(1))).Salt)
            .ToList();

        salts.Distinct().Should().HaveCount(100);
        salts.Should().OnlyContain(s => s >= 1 && s <= 99_999_999);
    }
}
