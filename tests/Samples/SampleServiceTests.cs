using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Samples;

/// <summary>Runs the sample service for real on a loopback port, against the emulator.</summary>
public sealed class SampleServiceTests : IAsyncLifetime
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();
    private SampleHost? _host;

    private HttpClient Http => _host?.Http ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(_emulator);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _emulator.Dispose();
    }

    [Fact]
    public async Task Posting_a_message_sends_it_to_the_channel_and_answers_202()
    {
        using var response = await Http.PostAsJsonAsync("/channels/lobby/messages", new { from = "server", payload = "Hello, lobby" });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var recorded = _emulator.ChannelMessages.Should().ContainSingle().Subject;
        (recorded.FromUserId, recorded.Destination, recorded.Payload).Should().Be(("server", "lobby", "Hello, lobby"));
        body.RootElement.GetProperty("requestId").GetString().Should().Be(recorded.RequestId);
        body.RootElement.GetProperty("status").GetString().Should().Be("Sent");
    }

    [Fact]
    public async Task Posting_with_an_invalid_sender_answers_400_with_problem_details_and_sends_nothing()
    {
        using var response = await Http.PostAsJsonAsync("/channels/lobby/messages", new { from = new string('a', 65), payload = "Hello" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetInt32().Should().Be(400);
        body.RootElement.GetProperty("detail").GetString().Should().Contain("fromUserId");
        _emulator.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_user_event_in_the_service_shows_up_among_the_recent_events()
    {
        _emulator.EnqueueUserEvent("alice", "Login", 1234);

        JsonElement match = default;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (match.ValueKind == JsonValueKind.Undefined && DateTime.UtcNow < deadline)
        {
            using var body = JsonDocument.Parse(await Http.GetStringAsync("/users/events/recent"));
            var found = body.RootElement.EnumerateArray().Where(e => e.GetProperty("userId").GetString() == "alice").ToList();
            if (found.Count > 0)
            {
                match = found[0].Clone();
            }
            else
            {
                await Task.Delay(100);
            }
        }

        match.ValueKind.Should().Be(JsonValueKind.Object, "the pump should have pulled the event within 10 seconds");
        match.GetProperty("type").GetString().Should().Be("Login");
        match.GetProperty("kind").GetString().Should().Be("Login");
        match.GetProperty("ms").GetInt64().Should().Be(1234);
        _emulator.PendingUserEventCount.Should().Be(0);
    }
}
