using System.IO.Compression;

namespace Agora.Signaling.Tests.Tokens;

/// <summary>The parser refuses everything that is not a well-formed token with one documented exception.</summary>
public sealed class TokenParserTests
{
    private const string AppId = "970CA35de60c44645bbae8a215061b33";
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "starts with 007" },
        { "hello", "starts with 007" },
        { "008eJxTYA==", "starts with 007" },
        { "007", "Base64" },
        { "007!!!!", "Base64" },
        { "007eJxTYOCdJftjyTM2zxW6Xhm", "Base64" },
        { "007" + Convert.ToBase64String("plain bytes, not zlib"u8.ToArray()), "zlib" },
        { "006" + AppId, "Base64" },
        { "006short", "32-character" },
        { "006" + "zz0CA35de60c44645bbae8a215061b33" + "IAAsR0qg", "hexadecimal" },
        { "007" + new string('A', 5000), "at most" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_text_is_refused_with_the_format_exception(string token, string says)
    {
        var act = () => SignalingToken.Parse(token);

        act.Should().Throw<SignalingTokenFormatException>().Which.Message.Should().Contain(says);
        SignalingToken.TryParse(token, out var parsed).Should().BeFalse();
        parsed.Should().BeNull();
    }

    [Fact]
    public void Every_truncation_of_a_valid_token_is_refused_or_fails_verification()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "test_user", TimeSpan.FromHours(1), DateTimeOffset.FromUnixTimeSeconds(1111111), 1);
        byte[] payload = TokenVectors.Inflate(token);

        for (int length = 0; length < payload.Length; length++)
        {
            string truncated = "007" + Convert.ToBase64String(Deflate(payload[..length]));
            bool accepted = SignalingToken.TryParse(truncated, out var parsed) && parsed.VerifySignature(Certificate);
            accepted.Should().BeFalse($"a payload cut at {length} bytes is not a token");
        }
    }

    [Fact]
    public void A_zlib_bomb_is_refused_without_inflating_it_all()
    {
        byte[] bomb = Deflate(new byte[50_000_000]);

        var act = () => SignalingToken.Parse("007" + Convert.ToBase64String(bomb[..Math.Min(bomb.Length, 3000)]));
        var whole = () => SignalingToken.Parse("007" + Convert.ToBase64String(bomb));

        act.Should().Throw<SignalingTokenFormatException>();
        whole.Should().Throw<SignalingTokenFormatException>();
    }

    [Fact]
    public void A_token_whose_signature_field_is_not_32_bytes_is_refused()
    {
        byte[] payload = TokenVectors.Inflate(SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "u", TimeSpan.FromHours(1)));
        payload[0] = 31;

        var act = () => SignalingToken.Parse("007" + Convert.ToBase64String(Deflate(payload)));

        act.Should().Throw<SignalingTokenFormatException>().Which.Message.Should().Contain("32 bytes");
    }

    [Fact]
    public void Null_is_an_argument_error()
    {
        var act = () => SignalingToken.Parse(null!);

        act.Should().Throw<ArgumentNullException>();
        SignalingToken.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Verifying_needs_a_32_hex_certificate_and_a_legacy_token_needs_its_user()
    {
        var accessToken2 = SignalingToken.Parse(SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "u", TimeSpan.FromHours(1)));
        var legacy = SignalingToken.Parse(SignalingTokenBuilder.BuildLegacyAccessToken(AppId, Certificate, "u", TimeSpan.FromHours(1)));

        accessToken2.Invoking(t => t.VerifySignature("short")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("appCertificate");
        legacy.Invoking(t => t.VerifySignature(Certificate)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("userId");
        legacy.VerifySignature(Certificate, "u").Should().BeTrue();
    }

    [Fact]
    public void Built_tokens_carry_what_was_asked_for()
    {
        var issued = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var accessToken2 = SignalingToken.Parse(SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "alice", TimeSpan.FromSeconds(90), issued, 7));
        var legacy = SignalingToken.Parse(SignalingTokenBuilder.BuildLegacyAccessToken(AppId, Certificate, "alice", TimeSpan.FromSeconds(90), issued, 7));

        accessToken2.Should().BeEquivalentTo(new { Version = SignalingTokenVersion.AccessToken2, AppId, UserId = "alice", Salt = 7u, Expire = 90u, IssuedAt = (DateTimeOffset?)issued, ExpiresAt = (DateTimeOffset?)issued.AddSeconds(90) });
        legacy.Should().BeEquivalentTo(new { Version = SignalingTokenVersion.AccessToken, AppId, UserId = (string?)null, Salt = 7u, IssuedAt = (DateTimeOffset?)null, ExpiresAt = (DateTimeOffset?)issued.AddSeconds(90) });
        legacy.Expire.Should().Be((uint)issued.AddHours(24).ToUnixTimeSeconds());
    }

    [Fact]
    public void Random_salts_stay_in_the_reference_range_and_differ()
    {
        var salts = Enumerable.Range(0, 200).Select(_ => SignalingToken.Parse(SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "u", TimeSpan.FromHours(1))).Salt).ToList();

        salts.Should().OnlyContain(s => s >= 1 && s <= 99_999_999);
        salts.Distinct().Count().Should().BeGreaterThan(190);
    }

    [Theory]
    [InlineData("", Certificate, "u", "appId")]
    [InlineData(AppId, "5CFd2fd1755d40ecb72977518be15d3", "u", "appCertificate")]
    [InlineData(AppId, "5CFd2fd1755d40ecb72977518be15d3g", "u", "appCertificate")]
    [InlineData(AppId, Certificate, "", "userId")]
    [InlineData(AppId, Certificate, "user/1", "userId")]
    [InlineData(AppId, Certificate, "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu", "userId")]
    public void The_builders_refuse_bad_input_naming_the_parameter_without_the_secret(string appId, string certificate, string userId, string paramName)
    {
        var build2 = () => SignalingTokenBuilder.BuildAccessToken2(appId, certificate, userId, TimeSpan.FromHours(1));
        var build = () => SignalingTokenBuilder.BuildLegacyAccessToken(appId, certificate, userId, TimeSpan.FromHours(1));

        build2.Should().Throw<ArgumentException>().Which.Should().Match<ArgumentException>(e => e.ParamName == paramName && !e.Message.Contains(certificate));
        build.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(paramName);
    }

    [Fact]
    public void Lifetimes_and_issue_times_outside_32_bits_are_refused()
    {
        var negative = () => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "u", TimeSpan.FromSeconds(-1));
        var early = () => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "u", TimeSpan.FromHours(1), DateTimeOffset.UnixEpoch.AddSeconds(-1), 1);
        var late = () => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "u", TimeSpan.FromHours(1), DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue).AddSeconds(1), 1);

        negative.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("lifetime");
        early.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("issuedAt");
        late.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("issuedAt");
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
