using System.Text;
using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// A service or a proxy that echoes the request's credentials back (in its reason, its request ID header, its body)
/// must not make the SDK or the tool repeat them: every credential the client holds or sent is masked first.
/// </summary>
public sealed class EchoedCredentialTests
{
    private const string Certificate = "5cfd2fd1755d40ecb72977518be15d3b";
    private const string Secret = "hostile-secret-0123456789";

    public static TheoryData<string> Credentials => new() { "basic", "token", "token-provider", "legacy", "certificate" };

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task No_echoed_credential_reaches_the_exception(string kind)
    {
        await using var server = await EchoServerAsync();
        var (credential, secrets) = Credential(kind);
        var options = server.Options();
        options.Credential = credential;
        using var client = new SignalingClient(options);

        var error = (await FluentActions.Awaiting(() => client.GetUserEventsAsync()).Should().ThrowAsync<SignalingServiceException>()).Which;

        string everything = string.Join("\n", error.Message, error.Reason, error.ErrorCode, error.RequestId, error.ResponseBody, error.ToString());
        everything.Should().Contain(SecretMaskText, "the echo was there, masked");
        foreach (string secret in secrets)
        {
            everything.Should().NotContain(secret);
        }

        System.Text.RegularExpressions.Regex.IsMatch(everything, "00[67][0-9A-Za-z+/]{97,}").Should().BeFalse("no token, minted or given, may be repeated");
    }

    [Fact]
    public async Task No_echoed_credential_reaches_the_cli_output()
    {
        await using var server = await EchoServerAsync();
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("hostile-customer:" + Secret));

        var result = await CliHost.RunAsync(["events", "users", "--json", .. CliHost.LoopbackArgs(server)]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        (result.Stdout + result.Stderr).Should().NotContain(Secret).And.NotContain(encoded).And.Contain(SecretMaskText);
        result.Json()["error"]!["reason"]!.Value<string>().Should().NotContain(encoded);
    }

    [Fact]
    public void The_mask_keeps_ordinary_text_and_request_ids()
    {
        var mask = new SecretMask();
        mask.Remember("short");
        mask.Remember(Secret);

        mask.Apply("req-0061a2b3c4d5e6f708192a3b4c5d6e7f").Should().Be("req-0061a2b3c4d5e6f708192a3b4c5d6e7f");
        mask.Apply("short words stay").Should().Be("short words stay");
        mask.Apply($"x{Secret}y").Should().Be("x***y");
        string token = SignalingTokenBuilder.BuildAccessToken2(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromHours(1));
        mask.Apply($"token={token}&next").Should().Be("token=***&next");
    }

    private const string SecretMaskText = "***";

    private static (SignalingCredential Credential, string[] Secrets) Credential(string kind)
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromHours(1));
        string legacy = SignalingTokenBuilder.BuildLegacyAccessToken(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromHours(1));
        return kind switch
        {
            "basic" => (new BasicCredential("hostile-customer", Secret), [Secret, Convert.ToBase64String(Encoding.UTF8.GetBytes("hostile-customer:" + Secret))]),
            "token" => (new AccessToken2Credential(token), [token]),
            "token-provider" => (new AccessToken2Credential(_ => ValueTask.FromResult(token)), [token]),
            "legacy" => (new LegacyAccessTokenCredential(legacy, "server"), [legacy]),
            "certificate" => (new AppCertificateCredential(LoopbackServer.AppId, Certificate), [Certificate]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Answers 401, echoing every credential header (and the certificate, as a careless proxy might) everywhere it can.</summary>
    private static Task<LoopbackServer> EchoServerAsync() => LoopbackServer.StartAsync(context =>
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        string echoed = $"{authorization} {context.Request.Headers["x-agora-token"]} {Certificate}";
        context.Response.StatusCode = 401;
        context.Response.Headers["x-request-id"] = authorization.Split(' ').Last();
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JObject
        {
            ["result"] = "failed",
            ["code"] = echoed,
            ["reason"] = $"invalid credentials: {echoed}",
            ["echo"] = echoed,
        }.ToString());
    });
}
