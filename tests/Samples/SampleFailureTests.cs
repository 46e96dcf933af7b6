using System.Net;
using System.Text;
using System.Text.Json;
using Agora.Signaling.Sample;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Processes;

namespace Agora.Signaling.Tests.Samples;

/// <summary>No stack trace reaches a user of the sample: bad configuration, bad bodies and a failing pump each say what is wrong.</summary>
public sealed class SampleFailureTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public static TheoryData<string, string, string> BadSettings => new()
    {
        {
            "Agora__Signaling__AppId", "your-app-id",
            "Agora Signaling: The app ID may contain only ASCII letters and digits; found '-' (U+002D). (Parameter 'AppId')"
        },
        {
            "Agora__Signaling__Timeout", "abc",
            "Failed to convert configuration value 'abc' at 'Agora:Signaling:Timeout' to type 'System.TimeSpan'."
        },
        {
            "Sample__RecentUserEvents__Capacity", "lots",
            "Failed to convert configuration value 'lots' at 'Sample:RecentUserEvents:Capacity' to type 'System.Int32'."
        },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_start_up_with_one_line_and_exit_code_1(string name, string value, string why)
    {
        string dll = typeof(SampleApp).Assembly.Location;
        var environment = new Dictionary<string, string>
        {
            ["Agora__Signaling__AppId"] = "0123456789abcdef0123456789abcdef",
            ["Agora__Signaling__CustomerId"] = "id",
            ["Agora__Signaling__CustomerSecret"] = "secret",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        environment[name] = value;
        using var sample = ChildProcess.Start("dotnet", [dll], environment, workingDirectory: Path.GetDirectoryName(dll));

        int code = await sample.WaitForExitAsync(TimeSpan.FromSeconds(60));

        code.Should().Be(1, sample.Stdout);
        sample.Stdout.Should().BeEmpty("nothing is logged, so no stack trace");
        sample.Stderr.Trim().Should().Be($"The service cannot start: {why} Set it in user secrets or environment variables (see README).");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"from": 5""")]
    public async Task A_body_that_is_not_json_is_a_400_problem_without_exception_details_even_in_development(string body)
    {
        await using var host = await SampleHost.StartAsync(_emulator, "Development");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/channels/lobby/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Secret-Header", "must-not-be-echoed");

        using var response = await host.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32().Should().Be(400);
        text.Should().NotContain("Exception").And.NotContain("must-not-be-echoed").And.NotContain(" at ");
        _emulator.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_pump_that_keeps_failing_makes_health_503_with_the_reason()
    {
        await using var host = await SampleHost.StartAsync(_emulator, customerSecret: "wrong-secret");

        HttpStatusCode status = HttpStatusCode.OK;
        string text = string.Empty;
        for (int attempt = 0; attempt < 100 && status == HttpStatusCode.OK; attempt++)
        {
            using var response = await host.Http.GetAsync("/health");
            (status, text) = (response.StatusCode, await response.Content.ReadAsStringAsync());
            if (status == HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }

        status.Should().Be(HttpStatusCode.ServiceUnavailable, text);
        var check = JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("userEventsPump");
        check.GetProperty("status").GetString().Should().Be("Unhealthy");
        check.GetProperty("description").GetString().Should().Contain("Pulling user events failed").And.Contain("401").And.NotContain("wrong-secret");
    }

    [Fact]
    public async Task A_working_pump_is_healthy()
    {
        await using var host = await SampleHost.StartAsync(_emulator);

        using var response = await host.Http.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("Healthy");
    }

    public void Dispose() => _emulator.Dispose();
}
