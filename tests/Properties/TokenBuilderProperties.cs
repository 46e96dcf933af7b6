using CsCheck;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// Whatever the builders are given, they either make a token that reads back to exactly what went in and verifies
/// against its certificate alone, or refuse with an <see cref="ArgumentException"/> naming an argument that breaks a
/// rule. Which arguments break a rule is decided here from the documented ranges, not by asking the builder.
/// </summary>
public sealed class TokenBuilderProperties
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long LegacyTokenSeconds = 24 * 60 * 60;

    private static readonly Gen<string> Hex32 = Gen.Char["0123456789abcdefABCDEF"].Array[32].Select(chars => new string(chars));

    // Mostly well-formed keys, so most samples build; the rest is anything at all.
    private static readonly Gen<string?> Key = Gen.Frequency<string?>(
        (8, Hex32.Select(k => (string?)k)),
        (1, Gen.Char["0123456789abcdef"].Array[31, 33].Select(chars => (string?)new string(chars))),
        (1, PropertyTesting.HostileString.Select(s => (string?)s)),
        (1, Gen.Const(default(string))));

    private static readonly Gen<string?> UserId = Gen.Frequency<string?>(
        (8, Gen.Char["abcXYZ019 " + PropertyTesting.MessagingSymbols].Array[1, 64].Select(chars => (string?)new string(chars))),
        (1, PropertyTesting.HostileString.Select(s => (string?)s)),
        (1, Gen.Const(default(string))));

    // Whole seconds across the full u32 range, fractions of a second below its top, and out-of-range values either side.
    // The last second below 2^32 with a fraction is left out: whether 4294967295.5 s rounds down or is refused is not a rule anyone wrote.
    private static readonly Gen<TimeSpan> Lifetime = Gen.Frequency<TimeSpan>(
        (6, Gen.Long[0, uint.MaxValue].Select(s => TimeSpan.FromTicks(s * TicksPerSecond))),
        (2, Gen.Select(Gen.Long[0, uint.MaxValue - 1], Gen.Long[0, TicksPerSecond - 1], (s, f) => TimeSpan.FromTicks((s * TicksPerSecond) + f))),
        (1, Gen.Long[long.MinValue, -1].Select(TimeSpan.FromTicks)),
        (1, Gen.Long[((long)uint.MaxValue + 1) * TicksPerSecond, long.MaxValue].Select(TimeSpan.FromTicks)));

    // Issue times from year 1 to 9999 in any offset, weighted to the 1970–2106 window a token can record.
    private static readonly Gen<DateTimeOffset> IssuedAt = Gen.Select(
        Gen.Frequency<long>(
            (6, Gen.Long[0, (uint.MaxValue * 1000L) + 999]),
            (1, Gen.Long[(uint.MaxValue - LegacyTokenSeconds - 10) * 1000L, (uint.MaxValue * 1000L) + 999]),
            (1, Gen.Long[DateTimeOffset.MinValue.ToUnixTimeMilliseconds() + 86_400_000, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() - 86_400_000])),
        Gen.Int[-14 * 60, 14 * 60],
        (ms, offsetMinutes) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromMinutes(offsetMinutes)));

    private static readonly Gen<Input> Inputs = Gen.Select(Key, Key, UserId, Lifetime, IssuedAt, Gen.UInt, Hex32, (appId, certificate, userId, lifetime, issuedAt, salt, other) =>
        new Input(appId, certificate, userId, lifetime, issuedAt, salt, other));

    [Fact]
    public void An_access_token2_reads_back_to_its_inputs_and_verifies_only_with_its_certificate()
    {
        int built = 0, refused = 0;
        Inputs.Sample(
            input =>
            {
                var invalid = input.InvalidArguments(legacy: false);
                string? token = null;
                var error = Record(() => token = SignalingTokenBuilder.BuildAccessToken2(input.AppId!, input.Certificate!, input.UserId!, input.Lifetime, input.IssuedAt, input.Salt));

                if (invalid.Count > 0)
                {
                    AssertRefused(error, invalid, input);
                    Interlocked.Increment(ref refused);
                    return;
                }

                error.Should().BeNull();
                var parsed = SignalingToken.Parse(token!);
                var issued = DateTimeOffset.FromUnixTimeSeconds(input.IssuedSeconds);
                parsed.Version.Should().Be(SignalingTokenVersion.AccessToken2);
                parsed.AppId.Should().Be(input.AppId);
                parsed.UserId.Should().Be(input.UserId);
                parsed.IssuedAt.Should().Be(issued);
                parsed.Expire.Should().Be((uint)input.LifetimeSeconds);
                parsed.Salt.Should().Be(input.Salt);
                parsed.ExpiresAt.Should().Be(issued.AddSeconds(input.LifetimeSeconds));
                var service = parsed.Services.Should().ContainSingle().Subject;
                service.Type.Should().Be(SignalingTokenService.Rtm);
                service.UserId.Should().Be(input.UserId);
                service.ChannelName.Should().BeNull();
                service.Privileges.Should().Equal(new Dictionary<int, uint> { [1] = (uint)input.LifetimeSeconds });

                parsed.VerifySignature(input.Certificate!).Should().BeTrue();
                parsed.VerifySignature(input.OtherCertificate).Should().Be(input.OtherCertificate == input.Certificate);
                Interlocked.Increment(ref built);
            },
            iter: PropertyTesting.Iterations(3_000),
            print: input => input.ToString());

        built.Should().BePositive();
        refused.Should().BePositive();
    }

    [Fact]
    public void A_legacy_access_token_reads_back_to_its_inputs_and_verifies_only_with_its_certificate_and_user()
    {
        int built = 0, refused = 0;
        Inputs.Sample(
            input =>
            {
                var invalid = input.InvalidArguments(legacy: true);
                string? token = null;
                var error = Record(() => token = SignalingTokenBuilder.BuildLegacyAccessToken(input.AppId!, input.Certificate!, input.UserId!, input.Lifetime, input.IssuedAt, input.Salt));

                if (invalid.Count > 0)
                {
                    AssertRefused(error, invalid, input);
                    Interlocked.Increment(ref refused);
                    return;
                }

                error.Should().BeNull();
                var parsed = SignalingToken.Parse(token!);
                long tokenExpiry = input.IssuedSeconds + LegacyTokenSeconds;
                long privilegeExpiry = input.IssuedSeconds + input.LifetimeSeconds;
                parsed.Version.Should().Be(SignalingTokenVersion.AccessToken);
                parsed.AppId.Should().Be(input.AppId);
                parsed.IssuedAt.Should().BeNull("a 006 token does not record its issue time");
                parsed.UserId.Should().BeNull("a 006 token keeps only a checksum of its user");
                parsed.Expire.Should().Be((uint)tokenExpiry);
                parsed.Salt.Should().Be(input.Salt);
                parsed.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(Math.Min(tokenExpiry, privilegeExpiry)));
                parsed.Services.Should().ContainSingle().Which.Privileges.Should().Equal(new Dictionary<int, uint> { [1000] = (uint)privilegeExpiry });

                parsed.VerifySignature(input.Certificate!, input.UserId).Should().BeTrue();
                parsed.VerifySignature(input.OtherCertificate, input.UserId).Should().Be(input.OtherCertificate == input.Certificate);
                // A different user of a valid length; at the 64-character limit the first character is changed (seed 5oUvptvu5tP5 drew 64 "x").
                string otherUser = input.UserId!.Length < 64 ? input.UserId + "x" : (input.UserId[0] == 'x' ? "y" : "x") + input.UserId[1..];
                parsed.VerifySignature(input.Certificate!, otherUser).Should().BeFalse();
                Interlocked.Increment(ref built);
            },
            iter: PropertyTesting.Iterations(3_000),
            print: input => input.ToString());

        built.Should().BePositive();
        refused.Should().BePositive();
    }

    private static Exception? Record(Action build)
    {
        try
        {
            build();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private static void AssertRefused(Exception? error, IReadOnlyCollection<string> invalid, Input input)
    {
        var refusal = error.Should().BeAssignableTo<ArgumentException>("{0} break a rule", string.Join(", ", invalid)).Subject;
        refusal.ParamName.Should().BeOneOf(invalid);
        if (input.Certificate is { Length: >= 8 } certificate)
        {
            refusal.Message.Should().NotContain(certificate, "the app certificate is a secret");
        }
    }

    private sealed record Input(string? AppId, string? Certificate, string? UserId, TimeSpan Lifetime, DateTimeOffset IssuedAt, uint Salt, string OtherCertificate)
    {
        public long IssuedSeconds => (long)Math.Floor(IssuedAt.ToUnixTimeMilliseconds() / 1000.0);

        public long LifetimeSeconds => Lifetime.Ticks / TicksPerSecond;

        public List<string> InvalidArguments(bool legacy)
        {
            var invalid = new List<string>();
            if (!IsKey(AppId))
            {
                invalid.Add("appId");
            }

            if (!IsKey(Certificate))
            {
                invalid.Add("appCertificate");
            }

            if (UserId is not { Length: >= 1 and <= 64 } || !UserId.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || PropertyTesting.MessagingSymbols.Contains(c)))
            {
                invalid.Add("userId");
            }

            bool issuedFits = IssuedSeconds is >= 0 and <= uint.MaxValue;
            bool lifetimeFits = Lifetime >= TimeSpan.Zero && LifetimeSeconds <= uint.MaxValue;
            if (!issuedFits || (legacy && IssuedSeconds + LegacyTokenSeconds > uint.MaxValue))
            {
                invalid.Add("issuedAt");
            }

            // A 006 privilege is written as a Unix time, so it has to fit as well.
            if (!lifetimeFits || (legacy && IssuedSeconds + LifetimeSeconds > uint.MaxValue))
            {
                invalid.Add("lifetime");
            }

            return invalid;
        }

        public override string ToString() =>
            $"appId {Show(AppId)}, certificate {Show(Certificate)}, user {Show(UserId)}, lifetime {Lifetime.Ticks} ticks, issued {IssuedAt:O}, salt {Salt}";

        private static bool IsKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigit);

        private static string Show(string? value) => value is null ? "null" : value.Length > 70 ? $"({value.Length} chars)" : $"\"{value}\"";
    }
}
