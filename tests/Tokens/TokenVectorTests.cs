using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Tokens;

/// <summary>Every vector of token-vectors.json: 006 strings exactly, 007 by inflated payload and by parse + verify.</summary>
public sealed class TokenVectorTests
{
    public static TheoryData<string> Generated007 => TokenVectors.Ids(TokenVectors.IsGenerated007);

    public static TheoryData<string> Generated006 => TokenVectors.Ids(TokenVectors.IsGenerated006);

    public static TheoryData<string> KnownAnswer007 => TokenVectors.Ids(TokenVectors.IsKnownAnswer007);

    // A generated vector can be a known answer too; listed once, so xunit does not skip it as a duplicate case.
    public static TheoryData<string> Every007 => TokenVectors.Ids(vector => TokenVectors.IsGenerated007(vector) || TokenVectors.IsKnownAnswer007(vector));

    public static TheoryData<string> KnownAnswer006 => TokenVectors.Ids(TokenVectors.IsKnownAnswer006);

    public static TheoryData<string> Verifications => TokenVectors.Ids(TokenVectors.IsVerification);

    [Theory]
    [MemberData(nameof(Generated007))]
    public void An_AccessToken2_we_build_inflates_to_the_expected_payload_and_verifies(string id)
    {
        var vector = TokenVectors.Get(id);
        var inputs = vector["inputs"]!;
        string appId = (string)inputs["app_id"]!, certificate = (string)inputs["app_certificate"]!, userId = (string)inputs["user_id"]!;

        string token = AccessToken2.BuildRtm(appId, certificate, userId, (uint)inputs["issue_ts"]!, (uint)inputs["expire"]!, (uint)inputs["salt"]!);

        Convert.ToHexStringLower(TokenVectors.Inflate(token)).Should().Be((string)vector["expected_payload_hex"]!);
        var parsed = SignalingToken.Parse(token);
        parsed.VerifySignature(certificate).Should().BeTrue();
        parsed.Should().BeEquivalentTo(new { Version = SignalingTokenVersion.AccessToken2, AppId = appId, UserId = userId, Expire = (uint)inputs["expire"]!, Salt = (uint)inputs["salt"]! });
        parsed.IssuedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds((long)inputs["issue_ts"]!));
    }

    [Theory]
    [MemberData(nameof(Generated007))]
    public void The_public_builder_gives_the_same_payload_for_every_user_id_it_accepts(string id)
    {
        var inputs = TokenVectors.Get(id)["inputs"]!;
        string userId = (string)inputs["user_id"]!;
        var build = () => SignalingTokenBuilder.BuildAccessToken2(
            (string)inputs["app_id"]!, (string)inputs["app_certificate"]!, userId,
            TimeSpan.FromSeconds((long)inputs["expire"]!), DateTimeOffset.FromUnixTimeSeconds((long)inputs["issue_ts"]!), (uint)inputs["salt"]!);

        bool documentedId = userId.Length is >= 1 and <= 64 && userId.All(c => char.IsAsciiLetterOrDigit(c) || " !#$%&()+-:;<=.>?@[]^_{}|~,'".Contains(c));
        if (documentedId)
        {
            Convert.ToHexStringLower(TokenVectors.Inflate(build())).Should().Be((string)TokenVectors.Get(id)["expected_payload_hex"]!);
        }
        else
        {
            build.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("userId");
        }
    }

    [Theory]
    [MemberData(nameof(Every007))]
    public void Every_known_AccessToken2_string_parses_verifies_and_carries_the_expected_payload(string id)
    {
        var vector = TokenVectors.Get(id);
        var inputs = vector["inputs"]!;
        var variants = new[] { (string?)vector["expected"], (string?)vector["bcl_zlibstream_optimal_net10"] }.OfType<string>().ToList();

        foreach (string token in variants)
        {
            Convert.ToHexStringLower(TokenVectors.Inflate(token)).Should().Be((string)vector["expected_payload_hex"]!);
            var parsed = SignalingToken.Parse(token);
            parsed.VerifySignature((string)inputs["app_certificate"]!).Should().BeTrue(id);
            parsed.AppId.Should().Be((string)inputs["app_id"]!);
            parsed.Salt.Should().Be((uint)inputs["salt"]!);
            parsed.IssuedAt!.Value.ToUnixTimeSeconds().Should().Be((long)inputs["issue_ts"]!);
            if (inputs["services"] is JArray services)
            {
                parsed.Services.Select(s => s.Type).Should().Equal(services.Select(s => (int)s["type"]!).Order());
                foreach (var service in services.Where(s => s["user_id"] is not null))
                {
                    parsed.Services.Should().Contain(s => s.Type == (int)service["type"]! && s.UserId == (string)service["user_id"]!);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Generated006))]
    public void A_legacy_AccessToken_we_build_equals_the_known_string(string id)
    {
        var vector = TokenVectors.Get(id);
        var inputs = vector["inputs"]!;

        string token = LegacyAccessToken.BuildRtm((string)inputs["app_id"]!, (string)inputs["app_certificate"]!, (string)inputs["user_account"]!, (uint)inputs["ts"]!, (uint)inputs["salt"]!, (uint)inputs["privilege_expire_ts"]!);

        token.Should().Be((string)vector["expected"]!);
        var parsed = SignalingToken.Parse(token);
        parsed.VerifySignature((string)inputs["app_certificate"]!, (string)inputs["user_account"]!).Should().BeTrue();
        parsed.Salt.Should().Be((uint)inputs["salt"]!);
        parsed.Expire.Should().Be((uint)inputs["ts"]!);
        parsed.Services.Single().Privileges.Should().Equal(new Dictionary<int, uint> { [1000] = (uint)inputs["privilege_expire_ts"]! });
    }

    [Theory]
    [MemberData(nameof(KnownAnswer006))]
    public void Known_AccessToken_strings_are_reproduced_exactly(string id)
    {
        var vector = TokenVectors.Get(id);
        var inputs = vector["inputs"]!;
        string channel = (string?)inputs["channel"] ?? (string)inputs["user_account"]!;
        string uid = inputs["uid"] switch
        {
            null => string.Empty,
            { Type: JTokenType.Integer } number when (long)number == 0 => string.Empty,
            { Type: JTokenType.Integer } number => ((long)number).ToString(System.Globalization.CultureInfo.InvariantCulture),
            var text => ((string)text!).StartsWith("\"0\"", StringComparison.Ordinal) ? "0" : (string)text!,
        };
        var privileges = ((JObject)inputs["privileges"]!).Properties().Select(p => (TokenVectors.PrivilegeKey(p.Name), (uint)p.Value)).ToArray();

        string token = LegacyAccessToken.Build((string)inputs["app_id"]!, (string)inputs["app_certificate"]!, channel, uid, (uint)inputs["ts"]!, (uint)inputs["salt"]!, privileges);

        token.Should().Be((string)vector["expected"]!);
    }

    [Theory]
    [MemberData(nameof(Verifications))]
    public void Verification_vectors_are_accepted_or_rejected_as_expected(string id)
    {
        var vector = TokenVectors.Get(id);
        var inputs = vector["inputs"]!;

        bool accepted = SignalingToken.TryParse((string)inputs["token"]!, out var parsed)
            && parsed.VerifySignature((string)inputs["app_certificate"]!, (string?)inputs["x_agora_uid"]);

        accepted.Should().Be((bool)vector["expected"]!);
    }

    [Fact]
    public void The_worked_example_signs_as_documented()
    {
        var vector = TokenVectors.Get("gen007-rtm-test_user");

        string token = SignalingTokenBuilder.BuildAccessToken2("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b", "test_user", TimeSpan.FromSeconds(600), DateTimeOffset.FromUnixTimeSeconds(1111111), 1);

        Convert.ToHexStringLower(TokenVectors.Inflate(token).AsSpan(2, 32)).Should().Be((string)vector["signature_hex"]!);
    }
}
