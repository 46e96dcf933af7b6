namespace Agora.Signaling.Tests.Tokens;

/// <summary>The permission set is immutable, keeps token order, and refuses bad input before any token is built.</summary>
public sealed class PermissionSetTests
{
    private const string AppId = "970CA35de60c44645bbae8a215061b33";
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";

    [Fact]
    public void Grant_returns_a_new_set_in_token_order_and_leaves_the_original_unchanged()
    {
        var users = SignalingPermissionSet.Empty.Grant(SignalingResourceType.Users, SignalingPermissionType.Write, "alice");

        var both = users
            .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Write, "c")
            .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Read, "channelA*", "b");

        users.Should().ContainSingle();
        SignalingPermissionSet.Empty.Should().BeEmpty();
        both.Select(g => (g.ResourceType, g.PermissionType)).Should().Equal(
            (SignalingResourceType.MessageChannels, SignalingPermissionType.Read),
            (SignalingResourceType.MessageChannels, SignalingPermissionType.Write),
            (SignalingResourceType.Users, SignalingPermissionType.Write));
        both[0].Names.Should().Equal("channelA*", "b");
    }

    [Fact]
    public void Granting_the_same_resource_and_access_again_adds_the_new_names_once()
    {
        var set = SignalingPermissionSet.Empty
            .Grant(SignalingResourceType.StreamChannels, SignalingPermissionType.Read, "a", "b", "a")
            .Grant(SignalingResourceType.StreamChannels, SignalingPermissionType.Read, ["c", "b"]);

        set.Should().ContainSingle().Which.Names.Should().Equal("a", "b", "c");
    }

    [Fact]
    public void Sets_with_the_same_grants_are_equal()
    {
        var first = SignalingPermissionSet.Empty.Grant(SignalingResourceType.Users, SignalingPermissionType.Read, "u").Grant(SignalingResourceType.GroupChannels, SignalingPermissionType.Write, "g");
        var second = SignalingPermissionSet.Empty.Grant(SignalingResourceType.GroupChannels, SignalingPermissionType.Write, "g").Grant(SignalingResourceType.Users, SignalingPermissionType.Read, "u");
        var other = SignalingPermissionSet.Empty.Grant(SignalingResourceType.Users, SignalingPermissionType.Read, "v");

        second.Equals(first).Should().BeTrue();
        second.Equals((object)first).Should().BeTrue();
        second.GetHashCode().Should().Be(first.GetHashCode());
        other.Equals(first).Should().BeFalse();
        first.ToString().Should().Be("GroupChannels Write: g; Users Read: u");
    }

    public static TheoryData<int, int, string?[], string, string> Refused => new()
    {
        { 5, 0, ["a"], "resourceType", "MessageChannels, StreamChannels, GroupChannels, ServerGroups, Users" },
        { -1, 0, ["a"], "resourceType", "resource type must be one of" },
        { 0, 2, ["a"], "permissionType", "Read, Write" },
        { 0, 0, [], "names", "at least one name" },
        { 0, 0, [""], "names", "1 to 64 characters" },
        { 0, 0, ["ok", null], "names", "name 2 is null" },
        { 0, 0, [new string('a', 65)], "names", "it has 65" },
        { 0, 0, ["chan/nel"], "names", "U+002F at index 4" },
        { 0, 0, ["bad\u001bname"], "names", "U+001B" },
        { 0, 0, ["caf\u00e9"], "names", "U+00E9" },
        { 0, 0, ["rocket\ud83d\ude80"], "names", "U+1F680" },
        { 0, 0, ["tab\tname"], "names", "U+0009" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Bad_input_is_refused_with_an_argument_exception_naming_the_parameter_and_the_rule(int resource, int permission, string?[] names, string paramName, string says)
    {
        var grant = () => SignalingPermissionSet.Empty.Grant((SignalingResourceType)resource, (SignalingPermissionType)permission, names!);

        var refusal = grant.Should().Throw<ArgumentException>().Which;
        refusal.ParamName.Should().Be(paramName);
        refusal.Message.Should().Contain(says).And.StartWith("Cannot grant");
        refusal.Message.Should().NotContain("\u001b");
    }

    [Fact]
    public void Null_names_are_refused()
    {
        var grant = () => SignalingPermissionSet.Empty.Grant(SignalingResourceType.Users, SignalingPermissionType.Read, (IEnumerable<string>)null!);

        grant.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("names");
    }

    [Fact]
    public void Every_documented_id_character_and_the_pattern_star_are_accepted()
    {
        const string Symbols = "!#$%&()+-:;<=.>?@[]^_{}|~,'*";
        string name = "aZ09 " + Symbols;

        var set = SignalingPermissionSet.Empty.Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Read, name, new string('x', 64));

        set[0].Names.Should().Equal(name, new string('x', 64));
    }

    [Fact]
    public void The_builder_refuses_a_null_set_and_one_that_would_make_an_unreadable_token()
    {
        var names = Enumerable.Range(0, 60).Select(i => $"channel-with-a-long-name-number-{i:D3}").ToArray();
        var large = SignalingPermissionSet.Empty.Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Read, names)
            .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Write, names);

        var tooLong = () => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "server", large, TimeSpan.FromHours(1));
        var none = () => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "server", null!, TimeSpan.FromHours(1));

        tooLong.Should().Throw<ArgumentException>().Which.Should().Match<ArgumentException>(e => e.ParamName == "permissions" && e.Message.Contains("at most 4096"));
        none.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("permissions");
    }

    [Fact]
    public void The_largest_set_the_builder_accepts_reads_back()
    {
        var set = SignalingPermissionSet.Empty;
        string token = string.Empty;
        for (int i = 0; i < 1000; i++)
        {
            var next = set.Grant(SignalingResourceType.Users, SignalingPermissionType.Read, $"user-{i:D4}-" + new string('u', 20));
            try
            {
                token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "server", next, TimeSpan.FromHours(1));
            }
            catch (ArgumentException exception) when (exception.ParamName == "permissions")
            {
                break;
            }

            set = next;
        }

        token.Length.Should().BeInRange(SignalingToken.MaxLength - 60, SignalingToken.MaxLength);
        var parsed = SignalingToken.Parse(token);
        parsed.Permissions.Should().Equal(set);
        parsed.VerifySignature(Certificate).Should().BeTrue();
    }

    [Fact]
    public void A_set_read_from_a_token_with_names_the_builder_refuses_is_refused_as_permissions()
    {
        var odd = SignalingPermissionSet.FromToken([new SignalingPermission((SignalingResourceType)9, SignalingPermissionType.Read, ["x"])]);
        var empty = SignalingPermissionSet.FromToken([new SignalingPermission(SignalingResourceType.Users, SignalingPermissionType.Read, [])]);

        foreach (var set in new[] { odd, empty })
        {
            var build = () => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "server", set, TimeSpan.FromHours(1));
            build.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("permissions");
        }
    }

    [Fact]
    public void A_token_made_elsewhere_keeps_unknown_types_and_odd_names_and_shows_them_escaped()
    {
        var odd = SignalingPermissionSet.FromToken([new SignalingPermission((SignalingResourceType)9, (SignalingPermissionType)3, ["e\u001b[2J"])]);
        string token = AccessToken2.BuildRtm2(AppId, Certificate, "server", odd, 1111111, 600, 1);

        var parsed = SignalingToken.Parse(token);

        parsed.Permissions.Should().Equal(odd);
        parsed.Permissions!.ToString().Should().Be("9 3: e\\u001B[2J");
        parsed.VerifySignature(Certificate).Should().BeTrue();
    }
}
