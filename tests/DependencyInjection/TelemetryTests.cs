using System.Diagnostics;
using System.Diagnostics.Metrics;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Client.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.DependencyInjection;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Calls_are_traced_and_measured_under_the_package_name()
    {
        using var emulator = SignalingEmulator.Start();
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SignalingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new List<(string Instrument, double Value)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SignalingTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((instrument, value, _, _) => { lock (measurements) { measurements.Add((instrument.Name, value)); } });
        meterListener.SetMeasurementEventCallback<long>((instrument, value, _, _) => { lock (measurements) { measurements.Add((instrument.Name, value)); } });
        meterListener.Start();
        var options = emulator.CreateClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        using var client = new SignalingClient(options);
        emulator.InjectFaults(EmulatorFault.Status(503));

        // The listener hears every test running in parallel; this call's activity is the one under this trace.
        var test = new Activity("telemetry-test").Start();
        await client.GetMessageHistoryAsync("server", HistoryChannelType.Message, "lobby");
        test.Stop();

        var activity = activities.Should().ContainSingle(a => a.OperationName == "GetMessageHistory" && a.RootId == test.RootId).Subject;
        activity.Kind.Should().Be(ActivityKind.Client);
        activity.GetTagItem("agora.signaling.attempts").Should().Be(2);
        measurements.Should().Contain(m => m.Instrument == "agora.signaling.attempt.duration").And.Contain(m => m.Instrument == "agora.signaling.retries" && m.Value == 1);
    }

    [Fact]
    public async Task The_user_agent_names_the_sdk_after_the_application_id()
    {
        using var host = new WireMockHost();
        host.Options.ApplicationId = "ChatBackend/2.1";
        using var client = new SignalingClient(host.Options, host.Recorder);
        host.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithBody("""{"result":"success","events":[]}"""));

        await client.GetUserEventsAsync();

        host.Recorder.Single.Headers["User-Agent"].Should().MatchRegex(@"^ChatBackend/2\.1 Agora\.Signaling/\d+\.\d+\.\d+ \(\.NET \d+\.");
    }

    [Theory]
    [InlineData("bad app\r\nX-Evil: 1")]
    [InlineData("")]
    [InlineData("has space")]
    public void An_application_id_that_could_break_the_header_is_refused(string applicationId)
    {
        var options = new SignalingClientOptions { AppId = "876922cbca0098dff4323566daa89675", CustomerId = "id", CustomerSecret = "secret", ApplicationId = applicationId };

        options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("ApplicationId");
    }
}
