using System.Net;
using Agora.Signaling.Cli;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Emulator;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary><c>agora-signaling emulator</c> and <c>--emulator URL</c>, in-process (the separate process is in CrossLanguage/).</summary>
public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Json_mode_prints_one_line_with_the_url_and_the_default_credentials_and_serves_until_cancelled()
    {
        var defaults = new SignalingEmulatorOptions();
        await using var emulator = await CliEmulatorRun.StartAsync();

        using var http = new HttpClient();
        using var answer = await http.GetAsync(new Uri(emulator.Url, "_emulator/credentials"));
        int code = await emulator.StopAsync();

        emulator.Stdout.ToString().Should().EndWith("}" + Environment.NewLine).And.Subject.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        emulator.Announcement.Properties().Select(p => p.Name).Should().Equal("url", "appId", "customerId", "customerSecret", "appCertificate");
        emulator.Announcement.ToString().Should().Be(CredentialsJson.Of(emulator.Url, defaults));
        emulator.Url.Host.Should().Be("127.0.0.1");
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        code.Should().Be(ExitCodes.Success);
        emulator.Stderr.ToString().Should().Contain("Press Ctrl-C").And.Contain("Stopped after");
    }

    [Fact]
    public async Task Credentials_come_from_options_before_the_emulators_own_environment_variables_and_are_printed_unmasked()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AGORA_EMULATOR_APP_ID"] = "0123456789abcdef0123456789abcdef",
            ["AGORA_EMULATOR_CUSTOMER_ID"] = "env-customer",
            ["AGORA_CUSTOMER_SECRET"] = "a-real-secret-the-emulator-must-not-take",
        };
        await using var emulator = await CliEmulatorRun.StartAsync(["emulator", "--customer-id", "option-customer", "--customer-secret", "option-secret"], environment);

        emulator.Announcement["appId"]!.Value<string>().Should().Be("0123456789abcdef0123456789abcdef");
        emulator.Announcement["customerId"]!.Value<string>().Should().Be("option-customer");
        emulator.Announcement["customerSecret"]!.Value<string>().Should().Be("option-secret", "the emulator prints the test credentials it accepts");
    }

    [Fact]
    public async Task Text_mode_prints_the_url_and_every_credential()
    {
        var stdout = new WatchedWriter();
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(["emulator", "--port", "0"], stdout, TextWriter.Null, CliHost.EmptyEnvironment, stop.Token);

        await stdout.WaitForAsync("Control surface", TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        int code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        var defaults = new SignalingEmulatorOptions();
        stdout.ToString().Should().Contain("http://127.0.0.1:").And.Contain(defaults.AppId).And.Contain(defaults.CustomerId)
            .And.Contain(defaults.CustomerSecret).And.Contain(defaults.AppCertificate).And.Contain("/_emulator/");
        code.Should().Be(ExitCodes.Success);
    }

    [Fact]
    public async Task Until_stdin_closes_stops_when_input_ends()
    {
        var stdout = new StringWriter();

        int code = await CliApp.RunAsync(["emulator", "--port", "0", "--json", "--until-stdin-closes"], new StringReader("ignored\n"), stdout, TextWriter.Null, CliHost.EmptyEnvironment)
            .WaitAsync(TimeSpan.FromSeconds(30));

        code.Should().Be(ExitCodes.Success);
        JObject.Parse(stdout.ToString())["url"]!.Value<string>().Should().StartWith("http://127.0.0.1:");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_naming_the_port_and_exit_code_2()
    {
        using var taken = SignalingEmulator.Start();

        var result = await CliHost.RunAsync(["emulator", "--port", taken.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Trim().Should().Be($"error: The emulator could not start on 127.0.0.1:{taken.Endpoint.Port}: Address already in use. Choose another port with --port, or --port 0 for a free one.");
        result.Stdout.Should().BeEmpty();
    }

    [Theory]
    [InlineData("AGORA_EMULATOR_PORT", "http")]
    [InlineData("AGORA_EMULATOR_PORT", "70000")]
    public async Task A_bad_port_variable_is_refused(string variable, string value)
    {
        var result = await CliHost.RunAsync(["emulator"], new Dictionary<string, string?> { [variable] = value });

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Be($"error: {variable} must be a port number from 0 to 65535 (0 picks a free one).{Environment.NewLine}");
    }

    [Fact]
    public async Task Commands_given_its_url_share_its_state_send_then_history_then_events()
    {
        await using var emulator = await CliEmulatorRun.StartAsync();
        string url = emulator.Url.AbsoluteUri;
        using var http = new HttpClient();
        using var seeded = await http.PostAsync(new Uri(emulator.Url, "_emulator/user-events"), new StringContent("""{"userId":"alice","type":"Login"}"""));

        var sent = await CliHost.RunAsync(["send-channel", "--emulator", url, "--from", "server", "--channel", "lobby", "--payload", "Hello", "--history"]);
        var history = await CliHost.RunAsync(["--emulator", url, "history", "--user", "server", "--channel-type", "message", "--channel", "lobby", "--json"]);
        var events = await CliHost.RunAsync(["events", "users", "--emulator", url.TrimEnd('/')]);

        sent.ExitCode.Should().Be(0, sent.ToString());
        sent.Stderr.Should().Be($"Using the emulator at {url} (app ID {emulator.Announcement["appId"]}).{Environment.NewLine}");
        history.Json()["messages"]!.Should().ContainSingle().Which["message"]!.Value<string>().Should().Be("Hello");
        events.ExitCode.Should().Be(0, events.ToString());
        events.Stdout.Should().Contain("1 user event").And.Contain("Login").And.Contain("alice");
    }

    [Fact]
    public async Task An_emulator_url_where_none_listens_is_unreachable_with_a_hint()
    {
        string url = CliHost.ClosedLoopbackUrl();

        var result = await CliHost.RunAsync(["send-peer", "--emulator", url, "--from", "a", "--to", "b", "--payload", "hi"]);

        result.ExitCode.Should().Be(ExitCodes.Unreachable, result.ToString());
        result.Stderr.Should().Contain($"No emulator answers at {url}").And.Contain("agora-signaling emulator");
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("no stack trace reaches the user");
    }

    [Fact]
    public async Task A_url_that_is_not_an_emulator_is_refused_before_sending()
    {
        using var other = WireMock.Server.WireMockServer.Start();
        string url = other.Url + "/";

        var result = await CliHost.RunAsync(["send-peer", "--emulator", url, "--from", "a", "--to", "b", "--payload", "hi"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Be($"error: {url} is not a Signaling emulator: GET /_emulator/credentials answered 404 without its credentials.{Environment.NewLine}");
    }
}
