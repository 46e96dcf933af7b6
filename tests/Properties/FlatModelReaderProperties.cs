using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// The SDK reads the items of a batch with its own <see cref="FlatModelReader"/>. On any object at all, in any
/// property order and spelling, with values of any shape, it reads what Newtonsoft's own reader reads, or refuses
/// what it refuses (with a <see cref="JsonException"/>, which the client turns into an unreadable-answer error).
/// </summary>
public sealed class FlatModelReaderProperties
{
    private static readonly JsonSerializer Sdk = RestResponseReader.SerializerFor(new JsonSerializerSettings());

    // Newtonsoft's general reader with the SDK's settings; the models' own callbacks fill the 2020 spellings.
    private static readonly JsonSerializer Newtonsoft = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver(),
        MetadataPropertyHandling = Sdk.MetadataPropertyHandling,
    });

    // Every kind of value a hostile or careless service could put in a field.
    private static readonly string[] Values =
    [
        "\"text\"", "\"\"", "\"123\"", "\"-7\"", "\"1.5\"", "\"true\"", "\"2020-01-01T00:00:00Z\"", "\"\\u202e\\n\"",
        "0", "12", "-5", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1e3", "1.5", "-0.0",
        "true", "false", "null", "{}", "{\"a\":[1,{\"b\":2}]}", "[]", "[1,\"x\"]", "/* c */ 4",
    ];

    // The same for a whole body, which must end after its value.
    private static readonly JsonSerializer NewtonsoftBody = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver(),
        MetadataPropertyHandling = Sdk.MetadataPropertyHandling,
        CheckAdditionalContent = true,
    });

    // What may come before and after a body's value.
    private static readonly string[] Margins = ["", " ", "/* c */", "\n//c\n", "x", "{}", "1", ",", "null", "]"];

    public static TheoryData<Type> Bodies => new() { typeof(SendMessageResponse) };

    public static TheoryData<Type> Models => new() { typeof(UserEvent), typeof(ChannelEvent), typeof(HistoryMessage), typeof(LegacyHistoryMessage) };

    [Theory]
    [MemberData(nameof(Models))]
    public void Any_object_reads_as_Newtonsoft_reads_it_or_is_refused_as_it_refuses_it(Type model)
    {
        var names = ((JsonObjectContract)Newtonsoft.ContractResolver.ResolveContract(model)).Properties.Select(p => p.PropertyName!).ToArray();

        // Known names, the same in other cases, and names the model does not have.
        string[] spellings = [.. names, .. names.Select(n => n.ToUpperInvariant()), "unknown", "$ref", "$type", "$id"];
        var property = Gen.Select(Gen.OneOf<string>(spellings), Gen.OneOf<string>(Values), (name, value) => $"\"{name}\":{value}");
        var json = Gen.Frequency(
            (20, property.Array[0, 8].Select(properties => "{" + string.Join(",", properties) + "}")),
            (1, Gen.OneOf<string>(Values)));

        json.Sample(
            text =>
            {
                // As the item of a list, where the SDK uses the reader.
                var list = typeof(List<>).MakeGenericType(model);
                var expected = Outcome(Newtonsoft, "[" + text + "]", list);
                var actual = Outcome(Sdk, "[" + text + "]", list);
                actual.Should().Be(expected, "reading {0}", text);
            },
            iter: PropertyTesting.Iterations(3_000));
    }

    [Fact]
    public void A_send_answer_is_read_by_the_flat_reader_and_a_batch_is_not()
    {
        SignalingContractResolver.Instance.FlatReaderFor(typeof(SendMessageResponse)).Should().NotBeNull();
        SignalingContractResolver.Instance.FlatReaderFor(typeof(UserEventsResponse)).Should().BeNull("a model holding a list is read by Newtonsoft");
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Any_body_reads_as_Newtonsoft_reads_it_or_is_refused_as_it_refuses_it(Type model)
    {
        var names = ((JsonObjectContract)Newtonsoft.ContractResolver.ResolveContract(model)).Properties.Select(p => p.PropertyName!).ToArray();
        string[] spellings = [.. names, .. names.Select(n => n.ToUpperInvariant()), "unknown", "$ref", "$type", "$id"];
        var property = Gen.Select(Gen.OneOf<string>(spellings), Gen.OneOf<string>(Values), (name, value) => $"\"{name}\":{value}");
        var value = Gen.Frequency(
            (20, property.Array[0, 8].Select(properties => "{" + string.Join(",", properties) + "}")),
            (1, Gen.OneOf<string>(Values)));
        var body = Gen.Select(Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf<string>(Margins))), value, Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOf<string>(Margins))), (before, json, after) => before + json + after);
        var read = typeof(FlatModelReaderProperties).GetMethod(nameof(ReadBodyAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(model);

        await body.SampleAsync(
            async text =>
            {
                string actual = await (Task<string>)read.Invoke(null, [text])!;
                actual.Should().Be(BodyOutcome(text, model), "reading {0}", text);
            },
            iter: PropertyTesting.Iterations(3_000));
    }

    [Fact]
    public void A_batch_reads_as_Newtonsoft_reads_it()
    {
        const string Page = """{"errorCode":0,"data":{"messageList":[{"messageType":"STRING","message":"hi","publisher":"Tony","timestamp":1},null,{"Message":"x","customType":null,"timestamp":"2"}],"count":3,"newStart":0}}""";

        Outcome(Sdk, Page, typeof(MessageHistoryResponse)).Should().Be(Outcome(Newtonsoft, Page, typeof(MessageHistoryResponse)));
    }

    // The SDK's read of a whole answer, as the generated clients make it: the model, or refused.
    private static async Task<string> ReadBodyAsync<T>(string json)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        try
        {
            return JsonConvert.SerializeObject(await RestResponseReader.ReadAsync<T>(response, new JsonSerializerSettings(), CancellationToken.None));
        }
        catch (RestApiException)
        {
            return "refused";
        }
    }

    // Newtonsoft's read of a whole body; no object at all is refused too, as the SDK refuses an answer without one.
    private static string BodyOutcome(string json, Type model)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json));
            return NewtonsoftBody.Deserialize(reader, model) is { } value ? JsonConvert.SerializeObject(value) : "refused";
        }
        catch (JsonException)
        {
            return "refused";
        }
    }

    // What a read yields, as comparable text: the model's public properties, or that it was refused.
    private static string Outcome(JsonSerializer serializer, string json, Type model)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json));
            return JsonConvert.SerializeObject(serializer.Deserialize(reader, model));
        }
        catch (JsonException)
        {
            return "refused";
        }
    }
}
