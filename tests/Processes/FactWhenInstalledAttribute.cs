namespace Agora.Signaling.Tests.Processes;

/// <summary>A fact that needs a program on PATH (python3, curl) and is skipped, saying which, on a machine without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactWhenInstalledAttribute : FactAttribute
{
    public FactWhenInstalledAttribute(string program)
    {
        if (Installed.Find(program) is null)
        {
            Skip = $"{program} is not on PATH; this test runs wherever it is installed.";
        }
    }
}
