using Agora.Signaling.Cli;
using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary>No kind of secret (customer secret, AccessToken2, legacy token, app certificate) is ever written, whatever happens.</summary>
public sealed class CredentialSecretTests : IDisposable
{
    private const string CustomerSecret = "s3cr3t-Value-4711";
    private const string AppCertificate = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private const string WrongCertificate = "0123456789abcdef0123456789abcdef";

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { CustomerSecret = CustomerSecret, AppCertificate = AppCertificate });

    public void Dispose() => _emulator.Dispose();

    public static TheoryData<string, bool> KindsAndSources
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string kind in Kinds)
            {
                data.Add(kind, false);
                data.Add(kind, true);
            }

            return data;
        }
    }

    public static TheoryData<string> KindNames => new(Kinds);

    private static string[] Kinds => ["customer-secret", "token", "legacy-token", "app-certificate"];

    [Theory]
    [MemberData(nameof(KindsAndSources))]
    public async Task A_successful_json_run_never_prints_the_secret(string kind, bool fromEnvironment)
    {
        var (args, environment, secret) = Credential(kind, fromEnvironment, valid: true);

        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", "--json", .. CliHost.EndpointArgs(_emulator), .. args], environment);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Json()["code"]!.Value<string>().Should().Be("message_sent");
        (result.Stdout + result.Stderr).Should().NotContain(secret);
    }

    [Theory]
    [MemberData(nameof(KindsAndSources))]
    public async Task A_refused_credential_is_reported_without_printing_it(string kind, bool fromEnvironment)
    {
        var (args, environment, secret) = Credential(kind, fromEnvironment, valid: false);

        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", "--json", .. CliHost.EndpointArgs(_emulator), .. args], environment);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Json()["error"]!["status"]!.Value<int>().Should().Be(401);
        (result.Stdout + result.Stderr).Should().NotContain(secret);
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task A_secret_echoed_by_a_parse_error_is_masked(string kind)
    {
        var (args, _, secret) = Credential(kind, fromEnvironment: false, valid: true);

        var result = await CliHost.RunAsync(["send-peer", "--from", "a", "--to", "b", "--payload", "x", "--json", .. args, "stray", secret]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("stray").And.Contain("***").And.NotContain(secret);
        result.Stdout.Should().NotContain(secret);
        result.Json()["error"]!["kind"]!.Value<string>().Should().Be("usage");
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task A_secret_from_the_environment_pasted_as_a_command_is_masked(string kind)
    {
        var (_, environment, secret) = Credential(kind, fromEnvironment: true, valid: true);

        var result = await CliHost.RunAsync([secret], environment);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("***").And.NotContain(secret);
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task A_usage_error_about_the_credential_does_not_print_it(string kind)
    {
        // Every kind given together with another kind: refused before sending, naming options only.
        var (args, environment, secret) = Credential(kind, fromEnvironment: false, valid: true);
        string[] other = kind == "token" ? ["--app-certificate", AppCertificate] : ["--token", CliHost.AccessToken2(_emulator, "alice")];

        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", "--json", .. CliHost.EndpointArgs(_emulator), .. args, .. other], environment);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Json()["error"]!["message"]!.Value<string>().Should().Contain("one kind of credential");
        (result.Stdout + result.Stderr).Should().NotContain(secret);
        _emulator.RequestCount.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task Help_never_shows_a_secret_from_the_environment(string kind)
    {
        var (_, environment, secret) = Credential(kind, fromEnvironment: true, valid: true);

        var result = await CliHost.RunAsync(["--help"], environment);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().Contain($"--{kind}").And.NotContain(secret);
    }

    [Fact]
    public async Task Token_build_never_prints_the_certificate_even_when_it_is_rejected()
    {
        const string BadCertificate = "zz-bad-certificate-Quokka-00000000";

        var good = await CliHost.RunAsync(["token", "build", "--app-id", _emulator.AppId, "--app-certificate", AppCertificate, "--user", "alice", "--json"]);
        var bad = await CliHost.RunAsync(["token", "build", "--app-id", _emulator.AppId, "--app-certificate", BadCertificate, "--user", "alice", "--json"]);

        good.ExitCode.Should().Be(ExitCodes.Success, good.ToString());
        good.Json()["token"]!.Value<string>().Should().StartWith("007");
        (good.Stdout + good.Stderr).Should().NotContain(AppCertificate);
        bad.ExitCode.Should().Be(ExitCodes.BadArguments, bad.ToString());
        bad.Json()["error"]!["message"]!.Value<string>().Should().Contain("--app-certificate");
        (bad.Stdout + bad.Stderr).Should().NotContain(BadCertificate);
    }

    [Fact]
    public async Task Token_inspect_never_prints_the_token_or_the_certificate()
    {
        string token = CliHost.AccessToken2(_emulator, "alice");

        var human = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", AppCertificate]);
        var json = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", AppCertificate, "--json"]);
        var parseError = await CliHost.RunAsync(["token", "inspect", token, token]);

        human.ExitCode.Should().Be(ExitCodes.Success, human.ToString());
        human.Stdout.Should().Contain("valid");
        json.Json()["signatureValid"]!.Value<bool>().Should().BeTrue();
        parseError.ExitCode.Should().Be(ExitCodes.BadArguments, parseError.ToString());
        parseError.Stderr.Should().Contain("***");
        foreach (var result in new[] { human, json, parseError })
        {
            (result.Stdout + result.Stderr).Should().NotContain(token).And.NotContain(AppCertificate);
        }
    }

    private (string[] Args, Dictionary<string, string?> Environment, string Secret) Credential(string kind, bool fromEnvironment, bool valid)
    {
        string certificate = valid ? AppCertificate : WrongCertificate;
        string customerSecret = valid ? CustomerSecret : "wrong-Secret-9931";
        Given[] given = kind switch
        {
            "customer-secret" => [new("--customer-id", "AGORA_CUSTOMER_ID", _emulator.CustomerId), new("--customer-secret", "AGORA_CUSTOMER_SECRET", customerSecret)],
            "token" => [new("--token", "AGORA_TOKEN", CliHost.AccessToken2(_emulator, "alice", certificate))],
            "legacy-token" => [new("--legacy-token", "AGORA_LEGACY_TOKEN", CliHost.LegacyToken(_emulator, "alice", certificate)), new("--uid", "AGORA_UID", "alice")],
            "app-certificate" => [new("--app-certificate", "AGORA_APP_CERTIFICATE", certificate)],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        // The secret is the value of the option the kind is named after.
        string secret = given.Single(g => g.Option == $"--{kind}").Value;
        return fromEnvironment
            ? ([], given.ToDictionary(g => g.Variable, g => (string?)g.Value), secret)
            : (given.SelectMany(g => new[] { g.Option, g.Value }).ToArray(), [], secret);
    }

    private sealed record Given(string Option, string Variable, string Value);
}
