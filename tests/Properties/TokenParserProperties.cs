using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;
using CsCheck;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// The token parser is the SDK's one decoder of untrusted binary input. On anything at all it returns a token or
/// throws <see cref="SignalingTokenFormatException"/> (and <see cref="SignalingToken.TryParse"/> says which, without
/// throwing), it allocates a bounded amount whatever lengths the input claims, and no change to a valid token yields
/// one that verifies with other contents.
/// </summary>
public sealed class TokenParserProperties
{
    // Far above what any parse needs (tens of kilobytes at most), far below what inflating a bomb or honouring a
    // forged length would take.
    private const long AllocationBound = 256 * 1024;

    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    private static readonly Gen<string> Hex32 = Gen.Char["0123456789abcdef"].Array[32].Select(chars => new string(chars));

    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 600];

    private static readonly Gen<string> ArbitraryText = Gen.Frequency<string>(
        (3, PropertyTesting.HostileString),
        (2, PropertyTesting.HostileString.Select(s => "007" + s)),
        (2, PropertyTesting.HostileString.Select(s => "006" + s)),
        (1, Gen.Char[Base64Alphabet].Array[0, 200].Select(chars => "007" + new string(chars))),
        (2, Bytes.Select(b => "007" + Convert.ToBase64String(b))),
        (2, Gen.Select(Hex32, Bytes, (appId, b) => "006" + appId + Convert.ToBase64String(b))),
        (2, Bytes.Select(b => "007" + Convert.ToBase64String(Zlib(b)))),
        (4, StructuredPayload().Select(b => "007" + Convert.ToBase64String(Zlib(b)))),
        (1, Gen.Select(Hex32, StructuredLegacyContent(), (appId, b) => "006" + appId + Convert.ToBase64String(b))));

    private static readonly Gen<Original> Originals = Gen.Select(
        Hex32,
        Hex32,
        Gen.Char["abcXYZ019 " + PropertyTesting.MessagingSymbols].Array[1, 64].Select(chars => new string(chars)),
        Gen.UInt[0, 4_000_000_000],
        Gen.UInt[0, 100_000_000],
        Gen.UInt,
        Gen.Bool,
        (appId, certificate, userId, issued, lifetime, salt, legacy) =>
        {
            var issuedAt = DateTimeOffset.FromUnixTimeSeconds(issued);
            string token = legacy
                ? SignalingTokenBuilder.BuildLegacyAccessToken(appId, certificate, userId, TimeSpan.FromSeconds(lifetime), issuedAt, salt)
                : SignalingTokenBuilder.BuildAccessToken2(appId, certificate, userId, TimeSpan.FromSeconds(lifetime), issuedAt, salt);
            return new Original(token, certificate, userId);
        });

    private static readonly Gen<Mutation> Mutations = Gen.Select(
        Gen.Enum<MutationKind>(),
        Gen.Int[0, int.MaxValue],
        Gen.Byte.Array[1, 64],
        Gen.Char,
        (kind, position, bytes, c) => new Mutation(kind, position, bytes, c));

    [Fact]
    public void Any_text_is_read_or_refused_with_the_documented_exception_within_bounded_memory()
    {
        ArbitraryText.Sample(
            // A statement, not an expression: a lambda returning bool would be taken as the pass/fail predicate.
            text => { ParseOrRefuse(text, out _); },
            iter: PropertyTesting.Iterations(5_000),
            print: Show);
    }

    [Fact]
    public void A_changed_token_is_refused_or_does_not_verify_unless_it_still_says_exactly_the_same()
    {
        Gen.Select(Originals, Mutations).Sample(
            (original, mutation) =>
            {
                string mutated = mutation.Apply(original.Token);
                bool read = ParseOrRefuse(mutated, out var parsed);
                if (!read || mutated == original.Token)
                {
                    return;
                }

                bool verifies = parsed!.Version == SignalingTokenVersion.AccessToken2
                    ? parsed.VerifySignature(original.Certificate)
                    : parsed.VerifySignature(original.Certificate, original.UserId);
                if (verifies)
                {
                    // Only bytes outside the signed content may differ, such as the zlib trailer or Base64 padding bits.
                    var expected = SignalingToken.Parse(original.Token);
                    parsed.Should().BeEquivalentTo(expected, "a token that verifies must say what was signed");
                }
            },
            iter: PropertyTesting.Iterations(5_000),
            print: t => $"{t.Item2} of {t.Item1.Token}");
    }

    [Fact]
    public void Truncating_a_valid_token_at_any_length_refuses_it_or_reads_the_same_contents()
    {
        foreach (var legacy in new[] { false, true })
        {
            var original = legacy
                ? SignalingTokenBuilder.BuildLegacyAccessToken(FixedAnswerTransport.AppId, "5cfd2fd1755d40ecb72977518be15d3b", "alice", TimeSpan.FromHours(1))
                : SignalingTokenBuilder.BuildAccessToken2(FixedAnswerTransport.AppId, "5cfd2fd1755d40ecb72977518be15d3b", "alice", TimeSpan.FromHours(1));
            var expected = SignalingToken.Parse(original);
            for (int length = 0; length < original.Length; length++)
            {
                if (ParseOrRefuse(original[..length], out var parsed))
                {
                    parsed.Should().BeEquivalentTo(expected, "a prefix of {0} characters that still reads must read the same", length);
                }
            }
        }
    }

    [Fact]
    public void Forged_lengths_and_counts_at_every_offset_fail_fast()
    {
        byte[] payload = Inflate(SignalingTokenBuilder.BuildAccessToken2(FixedAnswerTransport.AppId, "5cfd2fd1755d40ecb72977518be15d3b", "alice", TimeSpan.FromHours(1)));

        // The format's lengths and counts are 16 bits; 2^31 is what a reader taking 32 bits would see.
        byte[][] forgeries = [[0xFF, 0xFF], [0x00, 0x00, 0x00, 0x80], [0xFF, 0xFF, 0xFF, 0x7F]];
        foreach (var forgery in forgeries)
        {
            for (int offset = 0; offset + forgery.Length <= payload.Length; offset++)
            {
                byte[] forged = (byte[])payload.Clone();
                forgery.CopyTo(forged, offset);
                ParseOrRefuse("007" + Convert.ToBase64String(Zlib(forged)), out _);
            }
        }

        // A stored zlib block that claims 65,535 bytes but holds a few.
        byte[] stored = [0x78, 0x01, 0x01, 0xFF, 0xFF, 0x00, 0x00, 1, 2, 3];
        ParseOrRefuse("007" + Convert.ToBase64String(stored), out _).Should().BeFalse();
    }

    // Found by the arbitrary-text property (seed aKvZmlqFZOA7): a zlib header asking for a preset dictionary made
    // the runtime throw ZLibException, which is not a SignalingTokenFormatException.
    [Fact]
    public void A_zlib_header_that_asks_for_a_preset_dictionary_is_a_format_error()
    {
        byte[] presetDictionary = [0x78, 0xBB, 0x00, 0x00, 0x00, 0x01, 0x01, 0x02, 0x03, 0x04];
        string text = "007" + Convert.ToBase64String(presetDictionary);

        var act = () => SignalingToken.Parse(text);

        act.Should().Throw<SignalingTokenFormatException>().WithMessage("*zlib*");
        SignalingToken.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void A_zlib_bomb_is_refused_after_inflating_at_most_16_KB()
    {
        byte[] payload = Inflate(SignalingTokenBuilder.BuildAccessToken2(FixedAnswerTransport.AppId, "5cfd2fd1755d40ecb72977518be15d3b", "alice", TimeSpan.FromHours(1)));
        string Padded(int length) => "007" + Convert.ToBase64String(Zlib([.. payload, .. new byte[length - payload.Length]]));
        string bomb = Padded(2 * 1024 * 1024);
        bomb.Length.Should().BeLessThanOrEqualTo(SignalingToken.MaxLength, "the bomb fits in a token");

        long before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => SignalingToken.Parse(bomb);
        act.Should().Throw<SignalingTokenFormatException>().WithMessage("*16384 bytes*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(AllocationBound, "2 MB must not be inflated to find out");

        // The limit itself: trailing bytes after the services are tolerated, up to 16,384 in all.
        SignalingToken.TryParse(Padded(16 * 1024), out _).Should().BeTrue();
        SignalingToken.TryParse(Padded((16 * 1024) + 1), out _).Should().BeFalse();
    }

    [Fact]
    public async Task Inspecting_garbage_on_the_command_line_is_exit_2_with_one_line_that_does_not_repeat_it()
    {
        // What a user might paste: nothing like a token, a token cut short or damaged, a token of noise, a few
        // characters, or something that looks like a response file. Not an option: "-h" rightly shows the help.
        var garbage = Gen.Frequency<string>(
            (4, ArbitraryText),
            (4, Gen.Select(Originals, Mutations, (original, mutation) => mutation.Apply(original.Token))),
            (1, Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789 :()."].Array[1, 3].Select(chars => new string(chars))),
            (1, PropertyTesting.HostileString.Select(s => "@" + s)))
            .Where(text => !SignalingToken.TryParse(text, out _) && !text.StartsWith('-'));

        await garbage.SampleAsync(
            async text =>
            {
                var result = await CliHost.RunAsync(["token", "inspect", text]);

                result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
                result.Stdout.Should().BeEmpty();
                string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                lines.Should().ContainSingle().Which.Should().StartWith("error: Not a well-formed token:");
                string output = result.Stdout + result.Stderr;
                for (int at = 0; at + 9 <= text.Length; at++)
                {
                    output.Should().NotContain(text.Substring(at, 9), "the tool repeats at most a short prefix of what it was given");
                }
            },
            iter: PropertyTesting.Iterations(300),
            print: Show);
    }

    /// <summary>Parses <paramref name="text"/>, failing unless the outcome is a token or the documented exception, TryParse agrees, and memory stayed bounded.</summary>
    private static bool ParseOrRefuse(string text, out SignalingToken? parsed)
    {
        var (result, error, allocated) = MeasuredParse(text);
        if (allocated >= AllocationBound)
        {
            // The first run of a code path pays once for JIT and runtime caches; what the input costs shows on a second run.
            (_, _, allocated) = MeasuredParse(text);
        }

        allocated.Should().BeLessThan(AllocationBound, "parsing {0} characters", text.Length);
        parsed = result;
        if (error is not null)
        {
            error.Should().BeOfType<SignalingTokenFormatException>();
            PropertyTesting.HasControlCharacter(error.Message).Should().BeFalse();
        }

        SignalingToken.TryParse(text, out var tried).Should().Be(parsed is not null);
        if (parsed is null)
        {
            tried.Should().BeNull();
            return false;
        }

        // Whatever was read, describing and checking it must not throw either.
        _ = parsed.ToString();
        _ = parsed.ExpiresAt;
        _ = parsed.UserId;
        _ = parsed.Services.Select(s => (s.Type, s.UserId, s.ChannelName, s.Privileges.Count)).ToList();
        _ = parsed.VerifySignature("0123456789abcdef0123456789abcdef", "alice");
        return true;
    }

    private static (SignalingToken? Parsed, Exception? Error, long Allocated) MeasuredParse(string text)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var parsed = SignalingToken.Parse(text);
            return (parsed, null, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        catch (Exception exception)
        {
            return (null, exception, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Inflate(string accessToken2)
    {
        using var zlib = new ZLibStream(new MemoryStream(Convert.FromBase64String(accessToken2[3..])), CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>An AccessToken2 payload of plausible shape: a signature, an app ID, the header integers and services of any type, with lengths mostly right.</summary>
    private static Gen<byte[]> StructuredPayload() =>
        Gen.Select(
            Gen.Byte.Array[32],
            Hex32,
            Gen.UInt.Array[3],
            Service().Array[0, 4],
            Gen.Byte.Array[0, 8],
            (signature, appId, header, services, tail) =>
            {
                var bytes = new List<byte>();
                U16(bytes, 32);
                bytes.AddRange(signature);
                U16(bytes, 32);
                bytes.AddRange(Encoding.ASCII.GetBytes(appId));
                foreach (uint value in header)
                {
                    U32(bytes, value);
                }

                U16(bytes, services.Length);
                foreach (var service in services)
                {
                    bytes.AddRange(service);
                }

                bytes.AddRange(tail);
                return bytes.ToArray();
            });

    private static Gen<byte[]> Service() =>
        Gen.Select(
            Gen.Int[0, 10],
            Gen.Select(Gen.UShort, Gen.UInt).Array[0, 3],
            Gen.Frequency<byte[]>((3, Gen.Byte.Array[0, 12]), (1, Gen.Const<byte[]>([0xFF, 0xFF]))).Array[0, 4],
            (type, privileges, fields) =>
            {
                var bytes = new List<byte>();
                U16(bytes, type);
                U16(bytes, privileges.Length);
                foreach (var (key, value) in privileges)
                {
                    U16(bytes, key);
                    U32(bytes, value);
                }

                foreach (var field in fields)
                {
                    U16(bytes, field.Length);
                    bytes.AddRange(field);
                }

                return bytes.ToArray();
            });

    /// <summary>The Base64 part of an AccessToken (006): signature, two checksums, and a message with privileges.</summary>
    private static Gen<byte[]> StructuredLegacyContent() =>
        Gen.Select(
            Gen.Byte.Array[32],
            Gen.UInt,
            Gen.UInt,
            Gen.Select(Gen.UShort, Gen.UInt).Array[0, 3],
            Gen.Byte.Array[0, 4],
            (signature, crcChannel, crcUid, privileges, tail) =>
            {
                var message = new List<byte>();
                U32(message, 42);
                U32(message, 1_700_000_000);
                U16(message, privileges.Length);
                foreach (var (key, value) in privileges)
                {
                    U16(message, key);
                    U32(message, value);
                }

                var bytes = new List<byte>();
                U16(bytes, 32);
                bytes.AddRange(signature);
                U32(bytes, crcChannel);
                U32(bytes, crcUid);
                U16(bytes, message.Count);
                bytes.AddRange(message);
                bytes.AddRange(tail);
                return bytes.ToArray();
            });

    private static void U16(List<byte> bytes, int value)
    {
        bytes.Add((byte)value);
        bytes.Add((byte)(value >> 8));
    }

    private static void U32(List<byte> bytes, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        bytes.AddRange(buffer.ToArray());
    }

    private static string Show(string text) => text.Length > 300 ? $"{text[..300]}… ({text.Length} chars)" : text;

    private sealed record Original(string Token, string Certificate, string UserId);

    private enum MutationKind
    {
        FlipBitInContents,
        TruncateContents,
        AppendToContents,
        WriteU16MaxInContents,
        Write2To31InContents,
        TruncateText,
        ReplaceCharacter,
        AppendText,
    }

    /// <summary>One change to a valid token: to its decoded contents (then encoded again, so it gets past Base64 and zlib) or to its text.</summary>
    private sealed record Mutation(MutationKind Kind, int Position, byte[] Bytes, char Character)
    {
        public string Apply(string token) => Kind switch
        {
            MutationKind.TruncateText => token[..(Position % token.Length)],
            MutationKind.ReplaceCharacter => token.Remove(Position % token.Length, 1).Insert(Position % token.Length, Character.ToString()),
            MutationKind.AppendText => token + Encoding.Latin1.GetString(Bytes),
            _ => Encode(token, Change(Decode(token))),
        };

        public override string ToString() => $"{Kind} at {Position} with [{Convert.ToHexString(Bytes)}] '{Character}'";

        private static byte[] Decode(string token) => token.StartsWith("007", StringComparison.Ordinal)
            ? Inflate(token)
            : Convert.FromBase64String(token[35..]);

        private static string Encode(string token, byte[] contents) => token.StartsWith("007", StringComparison.Ordinal)
            ? "007" + Convert.ToBase64String(Zlib(contents))
            : token[..35] + Convert.ToBase64String(contents);

        private byte[] Change(byte[] contents)
        {
            int at = Position % contents.Length;
            switch (Kind)
            {
                case MutationKind.FlipBitInContents:
                    contents[at] ^= (byte)(1 << (Bytes[0] % 8));
                    return contents;
                case MutationKind.TruncateContents:
                    return contents[..at];
                case MutationKind.AppendToContents:
                    return [.. contents, .. Bytes];
                case MutationKind.WriteU16MaxInContents:
                    contents[at] = 0xFF;
                    contents[(at + 1) % contents.Length] = 0xFF;
                    return contents;
                default:
                    byte[] huge = [0x00, 0x00, 0x00, 0x80];
                    for (int i = 0; i < huge.Length; i++)
                    {
                        contents[(at + i) % contents.Length] = huge[i];
                    }

                    return contents;
            }
        }
    }
}
