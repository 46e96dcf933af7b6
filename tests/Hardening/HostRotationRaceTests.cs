namespace Agora.Signaling.Tests.Hardening;

/// <summary>Calls on one client share its host rotation, so one call's plan is made while another marks a host.</summary>
public sealed class HostRotationRaceTests
{
    // Seen in the soak test: Plan read each host's state twice, and a host marked between the two reads was placed
    // twice (IndexOutOfRangeException) or not at all (a null host).
    [Fact]
    public async Task A_plan_made_while_hosts_are_marked_lists_every_host_once()
    {
        Uri[] hosts = [new("http://127.0.0.1:1/"), new("http://127.0.0.1:2/"), new("http://127.0.0.1:3/")];
        var rotation = new HostRotation(hosts[0], hosts[1..], TimeSpan.FromMinutes(1), TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var marking = Task.Run(() =>
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var host = hosts[i % hosts.Length];
                if (i % 2 == 0)
                {
                    rotation.MarkFailed(host);
                }
                else
                {
                    rotation.MarkHealthy(host);
                }
            }
        });

        try
        {
            for (int i = 0; i < 300_000; i++)
            {
                var plan = rotation.Plan();
                if (plan.Length != hosts.Length || plan.Distinct().Count() != hosts.Length || plan.Any(h => h is null))
                {
                    Assert.Fail($"Plan {i} was [{string.Join(", ", plan.Select(h => h?.Authority ?? "null"))}].");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await marking;
        }
    }
}
