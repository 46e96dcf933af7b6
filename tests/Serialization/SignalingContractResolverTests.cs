using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling.Tests.Serialization;

/// <summary>The SDK's reader fills the current fields from the 2020 spellings as Newtonsoft's own callbacks do, in any order, without them.</summary>
public sealed class SignalingContractResolverTests
{
    private static readonly JsonSerializer Reader = RestResponseReader.SerializerFor(new JsonSerializerSettings());

    [Theory]
    [InlineData("""{"user_id":"a","type":"Login","ts":5}""")]
    [InlineData("""{"user_id":"a","type":"Login","ms":7,"ts":5}""")]
    [InlineData("""{"ts":5,"user_id":"a","type":"Login","ms":7}""")]
    [InlineData("""{"ts":5,"ms":null}""")]
    [InlineData("""{"ms":7}""")]
    [InlineData("""{"type":"Teleport"}""")]
    public void User_events_read_as_with_the_callback(string json)
    {
        var read = Read<UserEvent>(json);
        var expected = JsonConvert.DeserializeObject<UserEvent>(json)!;

        read.Ms.Should().Be(expected.Ms);
        read.Kind.Should().Be(expected.Kind);
        read.UserId.Should().Be(expected.UserId);
    }

    [Theory]
    [InlineData("""{"channel_id":"lobby","ts":5,"type":"Join"}""")]
    [InlineData("""{"group_id":"room","channel_id":"lobby","ms":7,"ts":5}""")]
    [InlineData("""{"channel_id":"lobby","ts":5,"group_id":"room","ms":7}""")]
    [InlineData("""{"group_id":"room","ms":7,"type":"Leave"}""")]
    public void Channel_events_read_as_with_the_callback(string json)
    {
        var read = Read<ChannelEvent>(json);
        var expected = JsonConvert.DeserializeObject<ChannelEvent>(json)!;

        read.Ms.Should().Be(expected.Ms);
        read.GroupId.Should().Be(expected.GroupId);
        read.Kind.Should().Be(expected.Kind);
    }

    [Theory]
    [InlineData("""{"src":"a","ts":42}""")]
    [InlineData("""{"ts":42,"ms":43}""")]
    public void Legacy_history_messages_read_as_with_the_callback(string json) =>
        Read<LegacyHistoryMessage>(json).Ms.Should().Be(JsonConvert.DeserializeObject<LegacyHistoryMessage>(json)!.Ms);

    [Fact]
    public void A_batch_of_events_is_read_without_reflection_invoked_callbacks()
    {
        foreach (var type in new[] { typeof(UserEvent), typeof(ChannelEvent), typeof(LegacyHistoryMessage) })
        {
            Reader.ContractResolver.ResolveContract(type).Converter.Should().BeOfType<FlatModelReader>(type.Name);
        }

        Read<UserEventsResponse>("""{"events":[{"ts":1},{"ms":2,"ts":3},{"ts":4}]}""").Events!.Select(e => e.Ms).Should().Equal(1, 2, 4);
    }

    [Theory]
    [InlineData(typeof(UserEvent))]
    [InlineData(typeof(ChannelEvent))]
    [InlineData(typeof(HistoryMessage))]
    [InlineData(typeof(LegacyHistoryMessage))]
    public void The_items_of_a_batch_are_read_by_the_flat_model_reader(Type type) =>
        Reader.ContractResolver.ResolveContract(type).Converter.Should().BeOfType<FlatModelReader>();

    private static T Read<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return Reader.Deserialize<T>(reader)!;
    }
}
