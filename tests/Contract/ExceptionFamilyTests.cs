using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Contract;

/// <summary>Every failure of a call is a <see cref="SignalingException"/>, and its subclass says what happened.</summary>
public sealed class ExceptionFamilyTests
{
    [Fact]
    public void Every_public_exception_of_the_sdk_is_a_SignalingException_except_the_token_parser_s()
    {
        var exceptions = typeof(SignalingClient).Assembly.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();

        exceptions.Should().Contain([typeof(SignalingServiceException), typeof(SignalingOutcomeUnknownException), typeof(SignalingTransportException), typeof(SignalingTimeoutException), typeof(SignalingCredentialException)]);
        exceptions.Where(t => t != typeof(SignalingTokenFormatException))
            .Should().AllSatisfy(t => typeof(SignalingException).IsAssignableFrom(t).Should().BeTrue($"{t.Name} is a failure of a call"));
        typeof(SignalingTokenFormatException).Should().BeAssignableTo<FormatException>("a parser reports malformed input as .NET's parsers do");
        typeof(SignalingException).IsAbstract.Should().BeTrue("only a subclass says what happened");
        exceptions.Where(t => t != typeof(SignalingException)).Should().AllSatisfy(t => t.IsSealed.Should().BeTrue($"{t.Name} is one kind of failure, not a base"));
    }

    [Fact]
    public async Task A_provided_token_for_another_user_is_a_SignalingCredentialException_naming_the_operation_and_nothing_is_sent()
    {
        // A fixed token's user is known up front, so sending as someone else is an ArgumentException; a provider's is
        // known only when the call asks for it.
        using var emulator = SignalingEmulator.Start();
        string token = SignalingTokenBuilder.BuildAccessToken2(emulator.AppId, emulator.AppCertificate, "server", TimeSpan.FromHours(1));
        using var client = new SignalingClient(emulator.CreateClientOptions(new AccessToken2Credential(_ => ValueTask.FromResult(token))));

        var error = (await FluentActions.Awaiting(() => client.SendPeerMessageAsync("mallory", "alice", "Hello")).Should().ThrowExactlyAsync<SignalingCredentialException>()).Which;

        error.Should().BeAssignableTo<SignalingException>();
        error.Operation.Should().Be("SendPeerMessage");
        error.Status.Should().Be(0, "no answer came: nothing was sent");
        error.RequestId.Should().BeNull();
        error.Message.Should().Contain("server").And.NotContain(token);
        emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_provider_that_fails_is_a_SignalingCredentialException_that_keeps_the_provider_s_exception()
    {
        using var emulator = SignalingEmulator.Start();
        var failure = new InvalidOperationException("vault unavailable");
        using var client = new SignalingClient(emulator.CreateClientOptions(new AccessToken2Credential(_ => throw failure)));

        var error = (await FluentActions.Awaiting(() => client.GetUserEventsAsync()).Should().ThrowExactlyAsync<SignalingCredentialException>()).Which;

        error.Operation.Should().Be("GetUserEvents");
        error.InnerException.Should().BeSameAs(failure);
        emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_send_answered_503_after_delivery_is_an_outcome_unknown_SignalingException_that_keeps_the_answer()
    {
        using var emulator = SignalingEmulator.Start();
        emulator.InjectFaults(EmulatorFault.Status(503, afterProcessing: true));
        using var client = emulator.CreateClient();

        var error = (await FluentActions.Awaiting(() => client.SendChannelMessageAsync("server", "lobby", "Hello")).Should().ThrowExactlyAsync<SignalingOutcomeUnknownException>()).Which;

        error.Status.Should().Be(503);
        error.Operation.Should().Be("SendChannelMessage");
        error.Attempts.Should().ContainSingle().Which.Status.Should().Be(503);
        error.InnerException.Should().BeOfType<SignalingServiceException>().Which.Status.Should().Be(503);
        emulator.ChannelMessages.Should().ContainSingle("the message was delivered before the 503, which is why it was not resent");
    }
}
