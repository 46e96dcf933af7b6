using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling.Tests.Serialization;

/// <summary>The SDK's contracts: the items of a batch read by the flat model reader, a single object by Newtonsoft itself, and the 2020 spellings filled either way.</summary>
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
    public void A_batch_of_events_fills_the_current_fields_from_the_2020_spellings()
    {
        Read<UserEventsResponse>("""{"events":[{"ts":1},{"ms":2,"ts":3},{"ts":4}]}""").Events!.Select(e => e.Ms).Should().Equal(1, 2, 4);
    }

    [Theory]
    [InlineData(typeof(UserEventsResponse), "Events")]
    [InlineData(typeof(ChannelEventsResponse), "Events")]
    [InlineData(typeof(MessageHistoryPage), "MessageList")]
    [InlineData(typeof(HistoryQueryResultResponse), "Messages")]
    public void The_items_of_a_batch_are_read_by_the_flat_model_reader(Type response, string list)
    {
        var listType = response.GetProperty(list)!.PropertyType;

        ((JsonArrayContract)Reader.ContractResolver.ResolveContract(listType)).ItemConverter.Should().BeOfType<FlatModelReader>();
    }

    [Fact]
    public void A_single_object_is_read_by_Newtonsoft_itself() =>
        Reader.ContractResolver.ResolveContract(typeof(SendMessageResponse)).Converter.Should().BeNull("a converter would cost a serializer proxy per call");

    private static T Read<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return Reader.Deserialize<T>(reader)!;
    }
}
