using System.IO.Compression;
using System.Security.Cryptography;
using CsCheck;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// The token builders' own HMAC and zlib framing agree with the platform's: <see cref="HMACSHA256"/> for every key
/// and message length around the block size, and <see cref="ZLibStream"/> (which checks the Adler-32 trailer) for
/// payloads across the lengths where the checksum's deferred modulo takes effect.
/// </summary>
public sealed class TokenCryptoProperties
{
    [Fact]
    public void The_token_hmac_equals_the_platform_hmac_for_any_key_and_message()
    {
        Gen.Select(Gen.Byte.Array[0, 130], Gen.Byte.Array[0, 300]).Sample(
            (key, message) =>
            {
                var ours = new byte[TokenHmac.Length];
                TokenHmac.Compute(key, message, ours);
                ours.Should().Equal(HMACSHA256.HashData(key, message));
            },
            iter: PropertyTesting.Iterations(2_000));
    }

    [Fact]
    public void The_token_hmac_may_write_over_its_message()
    {
        byte[] key = [1, 2, 3, 4];
        byte[] buffer = Enumerable.Range(0, TokenHmac.Length).Select(i => (byte)i).ToArray();
        byte[] expected = HMACSHA256.HashData(key, buffer);

        TokenHmac.Compute(key, buffer, buffer);

        buffer.Should().Equal(expected, "AccessToken2 signs k1 into k2 and may reuse buffers");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5551)]
    [InlineData(5552)]
    [InlineData(5553)]
    [InlineData(11_105)]
    [InlineData(ZlibStored.MaxInflatedLength)]
    public void A_stored_block_of_any_length_inflates_with_a_correct_checksum(int length)
    {
        // All 0xFF bytes are the worst case for the checksum's running sums; the platform decoder checks the trailer.
        byte[] data = Enumerable.Repeat((byte)0xFF, length).ToArray();
        var zlib = new byte[length + ZlibStored.Overhead];

        ZlibStored.Write(data, zlib);

        using var inflated = new MemoryStream();
        using (var decoder = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress))
        {
            decoder.CopyTo(inflated);
        }

        inflated.ToArray().Should().Equal(data);
        ZlibStored.Inflate(zlib).Should().Equal(data);
    }

    [Fact]
    public void A_stored_block_with_a_wrong_checksum_is_refused()
    {
        byte[] data = Enumerable.Range(0, 6000).Select(i => (byte)(i * 7)).ToArray();
        var zlib = new byte[data.Length + ZlibStored.Overhead];
        ZlibStored.Write(data, zlib);
        zlib[^1] ^= 1;

        var inflate = () => ZlibStored.Inflate(zlib);

        inflate.Should().Throw<SignalingTokenFormatException>();
    }
}
