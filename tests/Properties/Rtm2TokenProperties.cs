using CsCheck;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// Any permission set that <see cref="SignalingPermissionSet.Grant"/> accepts builds an RTM2 token that reads back to
/// the same grants, names its user and verifies against its certificate alone.
/// </summary>
public sealed class Rtm2TokenProperties
{
    private const string AppId = "970CA35de60c44645bbae8a215061b33";
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
    private const string OtherCertificate = "0123456789abcdef0123456789abcdef";

    private static readonly Gen<string> Name = Gen.Frequency<string>(
        (6, Gen.Char["abcXYZ019 *" + PropertyTesting.MessagingSymbols].Array[1, 64].Select(chars => new string(chars))),
        (1, Gen.Char["abc"].Array[1, 3].Select(chars => new string(chars) + "*")));

    private static readonly Gen<(SignalingResourceType Resource, SignalingPermissionType Permission, string[] Names)> Grant = Gen.Select(
        Gen.Int[0, 4].Select(r => (SignalingResourceType)r),
        Gen.Int[0, 1].Select(p => (SignalingPermissionType)p),
        Name.Array[1, 4]);

    // Up to 8 grants of up to 4 names: at most about 2.5 KB of names, within a token's 4,096 characters.
    private static readonly Gen<Input> Inputs = Gen.Select(
        Grant.Array[0, 8],
        PropertyTesting.MessagingPathId,
        Gen.UInt[0, 100_000],
        Gen.UInt[0, 4_000_000_000],
        Gen.UInt,
        (grants, userId, lifetime, issuedAt, salt) => new Input(grants, userId, lifetime, issuedAt, salt));

    [Fact]
    public void A_token_with_any_valid_permission_set_reads_back_to_it_and_verifies()
    {
        Inputs.Sample(
            input =>
            {
                var set = input.Grants.Aggregate(SignalingPermissionSet.Empty, (s, g) => s.Grant(g.Resource, g.Permission, g.Names));

                string token = SignalingTokenBuilder.BuildAccessToken2(
                    AppId, Certificate, input.UserId, set, TimeSpan.FromSeconds(input.Lifetime), DateTimeOffset.FromUnixTimeSeconds(input.IssuedAt), input.Salt);

                var parsed = SignalingToken.Parse(token);
                parsed.Permissions.Should().Equal(set);
                parsed.Permissions!.Equals(set).Should().BeTrue();
                parsed.UserId.Should().Be(input.UserId);
                parsed.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(input.IssuedAt + (long)input.Lifetime));
                parsed.Services.Should().ContainSingle().Which.Type.Should().Be(SignalingTokenService.Rtm2);
                parsed.VerifySignature(Certificate).Should().BeTrue();
                parsed.VerifySignature(OtherCertificate).Should().BeFalse();

                // What the set holds is what was granted: every name once, under its resource type and access.
                foreach (var (resource, permission, names) in input.Grants)
                {
                    set.Single(g => g.ResourceType == resource && g.PermissionType == permission).Names.Should().Contain(names);
                }

                set.Select(g => ((int)g.ResourceType * 2) + (int)g.PermissionType).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
                set.All(g => g.Names.Distinct(StringComparer.Ordinal).Count() == g.Names.Count).Should().BeTrue("each name is kept once");
            },
            iter: PropertyTesting.Iterations(1_000),
            print: input => input.ToString());
    }

    private sealed record Input((SignalingResourceType Resource, SignalingPermissionType Permission, string[] Names)[] Grants, string UserId, uint Lifetime, uint IssuedAt, uint Salt)
    {
        public override string ToString() =>
            $"user \"{UserId}\", lifetime {Lifetime}, issued {IssuedAt}, salt {Salt}, grants "
            + string.Join("; ", Grants.Select(g => $"{g.Resource} {g.Permission}: {string.Join(", ", g.Names.Select(n => $"\"{n}\""))}"));
    }
}
