using Agora.Signaling;
using BenchmarkDotNet.Attributes;

namespace Agora.Signaling.Benchmarks;

/// <summary>The cost of minting and checking one Signaling token, as a per-request credential pays it.</summary>
[System.ComponentModel.Description("Minting and checking one Signaling token, as a per-request credential pays it.")]
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private const string AppId = "970CA35de60c44645bbae8a215061b33";
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
    private static readonly DateTimeOffset IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private string _accessToken2 = string.Empty;
    private string _legacy = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _accessToken2 = BuildAccessToken2();
        _legacy = BuildLegacyAccessToken();
    }

    [Benchmark(Description = "007 build")]
    public string BuildAccessToken2() => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "test_user", TimeSpan.FromHours(1), IssuedAt, 12345678);

    [Benchmark(Description = "006 build")]
    public string BuildLegacyAccessToken() => SignalingTokenBuilder.BuildLegacyAccessToken(AppId, Certificate, "test_user", TimeSpan.FromHours(1), IssuedAt, 12345678);

    // The overloads a credential calls: the clock is read and a cryptographically secure salt drawn per token.
    [Benchmark(Description = "006 build, new salt")]
    public string BuildLegacyAccessTokenNow() => SignalingTokenBuilder.BuildLegacyAccessToken(AppId, Certificate, "test_user", TimeSpan.FromHours(1));

    [Benchmark(Description = "007 build, new salt")]
    public string BuildAccessToken2Now() => SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "test_user", TimeSpan.FromHours(1));

    [Benchmark(Description = "salt")]
    public uint NewSalt() => SignalingTokenBuilder.NewSalt();

    [Benchmark(Description = "007 parse + verify")]
    public bool ParseAndVerifyAccessToken2() => SignalingToken.Parse(_accessToken2).VerifySignature(Certificate);

    [Benchmark(Description = "006 parse + verify")]
    public bool ParseAndVerifyLegacy() => SignalingToken.Parse(_legacy).VerifySignature(Certificate, "test_user");
}
