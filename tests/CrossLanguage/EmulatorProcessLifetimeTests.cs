namespace Agora.Signaling.Tests.CrossLanguage;

public sealed class EmulatorProcessLifetimeTests
{
    [Fact]
    public async Task Closing_standard_input_stops_the_process_with_exit_code_0()
    {
        using var emulator = new EmulatorProcess();

        int code = await emulator.CloseStdinAndWaitAsync();

        code.Should().Be(0, emulator.Stderr);
        emulator.Stderr.Should().Contain("Stopped after");
    }
}
