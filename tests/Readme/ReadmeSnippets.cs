using Agora.Signaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Agora.Signaling.Tests.Readme;

/// <summary>
/// The C# shown in README.md. Each region between "snippet:" markers must appear in README verbatim,
/// so the documentation cannot drift from code that compiles and runs.
/// </summary>
public sealed class ReadmeSnippets
{
    [Fact]
    public void The_options_snippet_builds_options_for_a_real_project()
    {
        var options = CreateOptions();

        options.Endpoint.Should().Be(SignalingClientOptions.DefaultEndpoint);
        options.Credential.Should().BeOfType<BasicCredential>().Which.CustomerId.Should().Be("<customer ID>");
    }

    [Fact]
    public void Every_snippet_appears_verbatim_in_the_readme()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var snippets = new[] { "ReadmeSnippets.cs", "ReadmeXunitExample.cs" }
            .SelectMany(file => Snippets(File.ReadAllLines(RepositoryFiles.Path(Path.Combine("tests", "Readme", file)))))
            .ToList();

        snippets.Should().HaveCount(11);
        foreach (var (name, text) in snippets)
        {
            readme.Should().Contain(text, $"README must show the '{name}' snippet exactly as it compiles here");
        }
    }

    [Fact]
    public async Task The_emulator_snippet_runs()
    {
        // snippet:emulator
        using var emulator = SignalingEmulator.Start();
        using var client = emulator.CreateClient();

        emulator.EnqueueUserEvent("alice", "Login");
        await client.SendChannelMessageAsync("server", "lobby", "Hello");

        var recorded = emulator.ChannelMessages.Single();
        var pulled = await client.GetUserEventsAsync();
        // end-snippet

        recorded.Should().BeEquivalentTo(new { FromUserId = "server", Destination = "lobby", Payload = "Hello" });
        pulled.Events.Should().ContainSingle().Which.Kind.Should().Be(UserEventKind.Login);
    }

    [Fact]
    public async Task The_publish_snippet_publishes_to_a_channel_and_a_user()
    {
        using var emulator = SignalingEmulator.Start();
        using var client = emulator.CreateClient();

        // snippet:publish
        await client.PublishAsync("server", PublishChannelType.Message, "lobby", """{"text":"Hello"}""",
            new PublishOptions { StoreInHistory = true, CustomType = "text" });
        await client.PublishAsync("server", PublishChannelType.User, "alice", new { text = "Hi Alice" });
        // end-snippet

        emulator.Publishes.Select(p => (p.ChannelType, p.ChannelName, p.Message)).Should().Equal(
            (PublishChannelType.Message, "lobby", """{"text":"Hello"}"""),
            (PublishChannelType.User, "alice", """{"text":"Hi Alice"}"""));
        emulator.GetHistory(HistoryChannelType.Message, "lobby").Should().ContainSingle().Which.CustomType.Should().Be("text");
    }

    [Fact]
    public async Task The_credential_snippets_authenticate_against_the_emulator()
    {
        using var emulator = SignalingEmulator.Start();
        string appId = emulator.AppId, appCertificate = emulator.AppCertificate;
        string accessToken2 = SignalingTokenBuilder.BuildAccessToken2(appId, appCertificate, "server", TimeSpan.FromHours(1));
        string legacyToken = SignalingTokenBuilder.BuildLegacyAccessToken(appId, appCertificate, "server", TimeSpan.FromHours(1));
        ValueTask<string> FetchTokenAsync(string userId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(SignalingTokenBuilder.BuildAccessToken2(appId, appCertificate, userId, TimeSpan.FromHours(1)));

        // snippet:credentials
        // HTTP Basic: customer ID and secret; messages may be sent as any user.
        var basic = new BasicCredential("<customer ID>", "<customer secret>");

        // AccessToken2 minted in process for the user of each request.
        var minted = new AppCertificateCredential(appId, appCertificate);

        // A token you hold, or one your token service hands out (cached, asked again before it expires).
        var fixedToken = new AccessToken2Credential(accessToken2);
        var provided = new AccessToken2Credential(ct => FetchTokenAsync("server", ct));

        // The legacy AccessToken, sent as x-agora-token with the user it was built for as x-agora-uid.
        var legacy = new LegacyAccessTokenCredential(legacyToken, "server");
        // end-snippet

        basic.CustomerId.Should().Be("<customer ID>");
        foreach (var credential in new SignalingCredential[] { minted, fixedToken, provided, legacy })
        {
            using var client = new SignalingClient(emulator.CreateClientOptions(credential));
            await client.SendPeerMessageAsync("server", "alice", "hi");
        }

        emulator.PeerMessages.Should().HaveCount(4);
    }

    [Fact]
    public void The_token_snippet_builds_and_checks_a_token()
    {
        const string appId = "970CA35de60c44645bbae8a215061b33", appCertificate = "5CFd2fd1755d40ecb72977518be15d3b";

        // snippet:tokens
        string token = SignalingTokenBuilder.BuildAccessToken2(appId, appCertificate, "server", TimeSpan.FromHours(1));

        var inspected = SignalingToken.Parse(token);
        bool genuine = inspected.VerifySignature(appCertificate);
        Console.WriteLine($"{inspected.UserId} until {inspected.ExpiresAt:u}: {(genuine ? "valid" : "forged")}");
        // end-snippet

        genuine.Should().BeTrue();
        inspected.UserId.Should().Be("server");
    }

    [Fact]
    public void The_permission_snippet_builds_an_RTM2_token_that_shows_its_grants()
    {
        const string appId = "970CA35de60c44645bbae8a215061b33", appCertificate = "5CFd2fd1755d40ecb72977518be15d3b";
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            // snippet:permissions
            var permissions = SignalingPermissionSet.Empty
                .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Read, "channelA", "channelB")
                .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Write, "channelA*");
            string rtm2Token = SignalingTokenBuilder.BuildAccessToken2(appId, appCertificate, "server", permissions, TimeSpan.FromHours(1));

            foreach (var grant in SignalingToken.Parse(rtm2Token).Permissions!)
            {
                Console.WriteLine($"{grant.ResourceType} {grant.PermissionType}: {string.Join(", ", grant.Names)}");
            }
            // end-snippet

            SignalingToken.Parse(rtm2Token).UserId.Should().Be("server");
        }
        finally
        {
            Console.SetOut(original);
        }

        // Console is shared by tests running in parallel, so each line is looked for rather than the whole text.
        console.ToString().Should().Contain("MessageChannels Read: channelA, channelB" + Environment.NewLine)
            .And.Contain("MessageChannels Write: channelA*" + Environment.NewLine);
    }

    [Fact]
    public void The_resilience_snippet_configures_the_options()
    {
        var options = CreateOptions();

        // snippet:resilience
        options.Region = SignalingRegion.EuCentral;            // last failover: api-eu-west-1.agora.io / .sd-rtn.com
        options.Retry.MaxRetries = 3;                          // after the first attempt
        options.Retry.Delay = TimeSpan.FromSeconds(1);         // doubles each retry, with jitter; Retry-After wins
        options.Retry.RetrySends = SendRetryMode.WhenNotProcessed;
        options.Timeout = TimeSpan.FromSeconds(30);            // one attempt
        options.OverallTimeout = TimeSpan.FromMinutes(2);      // the whole call, waits included
        options.RateLimits.EventPullsPerSecond = 10;           // callers wait instead of receiving 429
        options.MaxResponseBodySize = 4 * 1024 * 1024;         // larger answers fail unread, never retried
        // end-snippet

        options.AppId = "876922cbca0098dff4323566daa89675";
        using var client = new SignalingClient(options);
        options.Retry.RetrySends.Should().Be(SendRetryMode.WhenNotProcessed);
    }

    [Fact]
    public async Task The_dependency_injection_snippet_registers_a_working_client()
    {
        using var emulator = SignalingEmulator.Start();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agora:Signaling:AppId"] = emulator.AppId,
            ["Agora:Signaling:Endpoint"] = emulator.Endpoint.ToString(),
            ["Agora:Signaling:CustomerId"] = emulator.CustomerId,
            ["Agora:Signaling:CustomerSecret"] = emulator.CustomerSecret,
        }).Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        // snippet:di
        services.AddAgoraSignaling(configuration.GetSection("Agora:Signaling"));
        // end-snippet

        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ISignalingClient>(provider);
        await client.SendChannelMessageAsync("server", "lobby", "via DI");
        emulator.ChannelMessages.Should().ContainSingle();
    }

    [Theory]
    [InlineData(0, "sent")]
    [InlineData(503, "unknown (503")]
    [InlineData(400, "not delivered: SignalingServiceException")]
    public async Task The_failure_snippet_tells_a_message_that_may_have_been_delivered_from_one_that_was_not(int faultStatus, string expected)
    {
        using var emulator = SignalingEmulator.Start();
        if (faultStatus != 0)
        {
            emulator.InjectFaults(EmulatorFault.Status(faultStatus, afterProcessing: faultStatus >= 500));
        }

        using var client = emulator.CreateClient();

        string outcome = await SendAndReportAsync(client);

        outcome.Should().StartWith(expected);
        emulator.PeerMessages.Should().HaveCount(faultStatus == 400 ? 0 : 1, "the 503 came after the emulator had delivered the message");
    }

    [Fact]
    public async Task The_failure_snippet_reports_an_unreachable_service_as_not_delivered()
    {
        var options = new SignalingClientOptions { AppId = "app", Endpoint = SignalingEmulator.UnreachableEndpoint(), Credential = new BasicCredential("id", "secret") };
        options.Retry.MaxRetries = 0;
        using var client = new SignalingClient(options);

        (await SendAndReportAsync(client)).Should().StartWith("not delivered: SignalingTransportException");
    }

    private static async Task<string> SendAndReportAsync(ISignalingClient client)
    {
        // snippet:failures
        string outcome;
        try
        {
            await client.SendPeerMessageAsync("server", "alice", "Hello");
            outcome = "sent";
        }
        catch (SignalingOutcomeUnknownException error)
        {
            // A 408 or 5xx answer, or none after sending: Agora may have delivered it. Check before sending it again.
            outcome = $"unknown ({error.Status}, request {error.RequestId ?? "none"})";
        }
        catch (SignalingException error)
        {
            // Refused (Status and the service's error), unreachable, out of time before sending, or a credential refused.
            outcome = $"not delivered: {error.GetType().Name} ({error.Status}): {error.Message}";
        }
        // end-snippet
        return outcome;
    }

    private static SignalingClientOptions CreateOptions()
    {
        // snippet:options
        var options = new SignalingClientOptions
        {
            AppId = "<your app ID>",
            Credential = new BasicCredential("<customer ID>", "<customer secret>"),
        };
        // end-snippet
        return options;
    }

    [Fact]
    public async Task The_event_pump_snippet_drains_events()
    {
        using var emulator = SignalingEmulator.Start();
        emulator.EnqueueChannelEvent("lobby", "alice", "Join");
        using var client = emulator.CreateClient();
        var output = new StringWriter();
        using var stopping = new CancellationTokenSource();

        // snippet:events
        await foreach (var batch in client.ReadChannelEventsAsync(new EventPumpOptions { Follow = false }, stopping.Token))
        {
            foreach (var channelEvent in batch)
            {
                output.WriteLine($"{channelEvent.UserId} {channelEvent.Kind} {channelEvent.GroupId}");
            }
        }
        // end-snippet

        output.ToString().Should().Contain("alice Join lobby");
    }

    private static IEnumerable<(string Name, string Text)> Snippets(string[] lines)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].Trim();
            if (!trimmed.StartsWith("// snippet:", StringComparison.Ordinal))
            {
                continue;
            }

            int indent = lines[i].Length - lines[i].TrimStart().Length;
            var body = lines.Skip(i + 1).TakeWhile(l => l.Trim() != "// end-snippet")
                .Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
            yield return (trimmed["// snippet:".Length..], string.Join("\n", body));
        }
    }
}
