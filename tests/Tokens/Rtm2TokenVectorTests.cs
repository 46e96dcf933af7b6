using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Tokens;

/// <summary>
/// The RTM2 vectors of token-vectors-rtm2.json (Agora's reference builder, issue time and salt fixed): payloads equal
/// byte for byte after inflation, and the reference strings parse, verify and show their user and permissions.
/// </summary>
public sealed class Rtm2TokenVectorTests
{
    private const string OtherCertificate = "00000000000000000000000000000000";

    private static readonly Lazy<List<JObject>> Vectors = new(() =>
        ((JArray)JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tokens", "Vectors", "token-vectors-rtm2.json")))["vectors"]!)
        .Cast<JObject>().ToList());

    public static TheoryData<int> Indexes => new(Enumerable.Range(0, 5));

    [Fact]
    public void There_are_five_vectors()
    {
        Vectors.Value.Should().HaveCount(5);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void The_token_we_build_inflates_to_the_reference_payload_and_verifies(int index)
    {
        var vector = Vectors.Value[index];

        string token = AccessToken2.BuildRtm2(
            (string)vector["appId"]!, (string)vector["appCertificate"]!, (string)vector["userId"]!, AsGiven(vector), (uint)vector["issuedAt"]!, (uint)vector["expire"]!, (uint)vector["salt"]!);

        Convert.ToHexStringLower(TokenVectors.Inflate(token)).Should().Be((string)vector["payloadHex"]!);
        AssertReadsBack(SignalingToken.Parse(token), vector);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void The_public_builder_gives_the_same_payload_for_every_vector_it_accepts(int index)
    {
        var vector = Vectors.Value[index];
        string userId = (string)vector["userId"]!;
        var build = () => SignalingTokenBuilder.BuildAccessToken2(
            (string)vector["appId"]!, (string)vector["appCertificate"]!, userId, Granted(vector),
            TimeSpan.FromSeconds((long)vector["expire"]!), DateTimeOffset.FromUnixTimeSeconds((long)vector["issuedAt"]!), (uint)vector["salt"]!);

        // Vector 4 names a user outside Agora's documented ID characters and grants server groups with no names,
        // both of which the public API refuses; the internal builder above still reproduces it.
        if (index == 3)
        {
            build.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("userId");
            var emptyGrant = () => SignalingPermissionSet.Empty.Grant(SignalingResourceType.ServerGroups, SignalingPermissionType.Read);
            emptyGrant.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("names");
            return;
        }

        Convert.ToHexStringLower(TokenVectors.Inflate(build())).Should().Be((string)vector["payloadHex"]!);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void The_reference_string_parses_verifies_and_shows_its_user_and_permissions(int index)
    {
        var vector = Vectors.Value[index];
        string token = (string)vector["token"]!;

        Convert.ToHexStringLower(TokenVectors.Inflate(token)).Should().Be((string)vector["payloadHex"]!);
        var parsed = SignalingToken.Parse(token);

        AssertReadsBack(parsed, vector);
        parsed.VerifySignature(OtherCertificate).Should().BeFalse();
    }

    [Fact]
    public void Permissions_read_from_a_token_can_be_given_back_to_the_builder()
    {
        var vector = Vectors.Value[0];
        var parsed = SignalingToken.Parse((string)vector["token"]!);

        string rebuilt = SignalingTokenBuilder.BuildAccessToken2(
            parsed.AppId, (string)vector["appCertificate"]!, parsed.UserId!, parsed.Permissions!, TimeSpan.FromSeconds(parsed.Expire), parsed.IssuedAt!.Value, parsed.Salt);

        Convert.ToHexStringLower(TokenVectors.Inflate(rebuilt)).Should().Be((string)vector["payloadHex"]!);
    }

    [Fact]
    public void With_both_an_RTM_and_an_RTM2_service_the_RTM_user_and_login_count()
    {
        const string AppId = "970CA35de60c44645bbae8a215061b33", Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
        var payload = new byte[256];
        var writer = new TokenWriter(payload);
        writer.U16(32);
        int signatureAt = writer.Skip(32);
        int signedFrom = writer.Position;
        writer.Ascii(AppId);
        writer.U32(1111111);
        writer.U32(600);
        writer.U32(1);
        writer.U16(2);
        foreach (var (type, user, login) in new[] { (2, "rtm-user", 300u), (8, "rtm2-user", 500u) })
        {
            writer.U16(type);
            writer.U16(1);
            writer.U16(1);
            writer.U32(login);
            writer.Utf8(user);
            if (type == 8)
            {
                writer.U16(0);
            }
        }

        int length = writer.Position;
        AccessToken2.Sign(Certificate, 1111111, 1, payload.AsSpan(signedFrom, length - signedFrom), payload.AsSpan(signatureAt, 32));
        var zlib = new byte[length + ZlibStored.Overhead];
        ZlibStored.Write(payload.AsSpan(0, length), zlib);

        var parsed = SignalingToken.Parse("007" + Convert.ToBase64String(zlib));

        parsed.VerifySignature(Certificate).Should().BeTrue();
        parsed.UserId.Should().Be("rtm-user");
        parsed.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1111111 + 300));
        parsed.Permissions.Should().BeEmpty();
        parsed.Services.Select(s => s.UserId).Should().Equal("rtm-user", "rtm2-user");
    }

    private static void AssertReadsBack(SignalingToken parsed, JObject vector)
    {
        uint issuedAt = (uint)vector["issuedAt"]!, expire = (uint)vector["expire"]!;
        parsed.VerifySignature((string)vector["appCertificate"]!).Should().BeTrue();
        parsed.AppId.Should().Be((string)vector["appId"]!);
        parsed.UserId.Should().Be((string)vector["userId"]!, "a token whose only service is RTM2 names its user");
        parsed.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(issuedAt + (long)expire));
        var service = parsed.Services.Should().ContainSingle().Subject;
        service.Type.Should().Be(SignalingTokenService.Rtm2);
        service.Privileges.Should().Equal(new Dictionary<int, uint> { [1] = (uint)vector["privilegeExpire"]!["1"]! });
        parsed.Permissions.Should().BeSameAs(service.Permissions);

        // The token stores grants by resource type, then by access; names as given.
        var expected = Grants(vector).OrderBy(g => g.Resource).ThenBy(g => g.Permission).ToList();
        parsed.Permissions!.Select(g => ((int)g.ResourceType, (int)g.PermissionType, string.Join("|", g.Names)))
            .Should().Equal(expected.Select(g => (g.Resource, g.Permission, string.Join("|", g.Names))));
    }

    private static List<(int Resource, int Permission, string[] Names)> Grants(JObject vector) =>
        vector["permissions"]!.Select(p => ((int)p["resource"]!, (int)p["permission"]!, p["resources"]!.Select(n => (string)n!).ToArray())).ToList();

    // The grants exactly as the vector lists them, unchecked and unordered, as the reference builder was given them.
    private static SignalingPermissionSet AsGiven(JObject vector) => SignalingPermissionSet.FromToken(
        Grants(vector).Select(g => new SignalingPermission((SignalingResourceType)g.Resource, (SignalingPermissionType)g.Permission, g.Names)).ToArray());

    private static SignalingPermissionSet Granted(JObject vector) => Grants(vector)
        .Where(g => g.Names.Length > 0)
        .Aggregate(SignalingPermissionSet.Empty, (set, g) => set.Grant((SignalingResourceType)g.Resource, (SignalingPermissionType)g.Permission, g.Names));
}
