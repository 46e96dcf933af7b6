using Agora.Signaling.Tests.Processes;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.CrossLanguage;

/// <summary>emulator_client.py, standard library only, against the emulator in a process of its own.</summary>
public sealed class PythonClientTests(EmulatorProcess emulator) : IClassFixture<EmulatorProcess>
{
    [FactWhenInstalled("python3")]
    public async Task A_python_standard_library_client_sends_pulls_and_reads_history_with_all_three_credentials()
    {
        var environment = new Dictionary<string, string>
        {
            ["AGORA_TEST_ACCESS_TOKEN2"] = SignalingTokenBuilder.BuildAccessToken2(emulator.AppId, emulator.AppCertificate, "py-token", TimeSpan.FromHours(1)),
            ["AGORA_TEST_LEGACY_TOKEN"] = SignalingTokenBuilder.BuildLegacyAccessToken(emulator.AppId, emulator.AppCertificate, "py-legacy", TimeSpan.FromHours(1)),
        };
        using var python = ChildProcess.Start(
            "python3", [RepositoryFiles.Path(Path.Combine("tests", "CrossLanguage", "emulator_client.py")), emulator.Url.AbsoluteUri], environment);

        int code = await python.WaitForExitAsync(TimeSpan.FromSeconds(60));

        code.Should().Be(0, python.Stderr);
        var summary = JObject.Parse(python.Stdout.Trim());
        summary["sent"]!.Value<int>().Should().Be(2);
        summary["events"]!.Value<int>().Should().Be(1);
        summary["history"]!.Values<string>().Should().Equal("hello lobby");
    }
}
