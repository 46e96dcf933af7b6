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

    private static readonly Type[] Answers =
    [
        typeof(SendMessageResponse), typeof(UserEventsResponse), typeof(ChannelEventsResponse), typeof(MessageHistoryResponse),
        typeof(HistoryQueryResultResponse),
    ];

    public static TheoryData<Type> Bodies => new(Answers);

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
    public void Every_answer_and_batch_is_read_by_the_flat_reader()
    {
        foreach (var model in Answers)
        {
            SignalingContractResolver.Instance.FlatReaderFor(model).Should().NotBeNull("{0} holds only values, models and lists of models", model.Name);
        }
    }

    [Theory]
    [InlineData(typeof(UserEventsResponse), """{"events":[{"user_id":"a","type":"Login","ms":1}],"result":"success","EVENTS":[{"user_id":"b"}]}""")]
    [InlineData(typeof(MessageHistoryResponse), """{"data":{"count":1,"messageList":[{"message":"x"}]},"errorCode":200,"Data":{"newStart":2,"messageList":[{"message":"y"}]}}""")]
    [InlineData(typeof(MessageHistoryResponse), """{"data":{"count":1},"data":null,"data":{"newStart":2}}""")]
    public async Task A_model_or_list_named_twice_is_filled_again_as_Newtonsoft_fills_it(Type model, string json)
    {
        string expected = BodyOutcome(json, model);
        expected.Should().NotBe("refused");

        (await ReadBodyAsync(model, json)).Should().Be(expected);
    }

    [Fact]
    public void A_model_that_holds_itself_is_left_to_Newtonsoft()
    {
        SignalingContractResolver.Instance.FlatReaderFor(typeof(Chain)).Should().BeNull("building its reader would never end");
        Outcome(Sdk, """{"name":"a","next":{"name":"b","next":null}}""", typeof(Chain)).Should().Be("""{"name":"a","next":{"name":"b","next":null}}""");
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Any_body_reads_as_Newtonsoft_reads_it_or_is_refused_as_it_refuses_it(Type model)
    {
        var value = Gen.Frequency((20, ObjectOf(model, depth: 3)), (1, Gen.OneOf<string>(Values)));
        var body = Gen.Select(Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf<string>(Margins))), value, Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOf<string>(Margins))), (before, json, after) => before + json + after);
        await body.SampleAsync(
            async text =>
            {
                string actual = await ReadBodyAsync(model, text);
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

    // An object of a model's properties, in any order, spelling and number (a name may come twice), with values of any
    // shape; a property holding a model or a list of them gets such objects, or lists of them, as often as anything else.
    private static Gen<string> ObjectOf(Type model, int depth)
    {
        var contract = (JsonObjectContract)Newtonsoft.ContractResolver.ResolveContract(model);
        var hostile = Gen.OneOf<string>(Values);
        var properties = contract.Properties.Select(p => (p.PropertyName!, ValueOf(p.PropertyType!, depth, hostile))).ToList();
        var names = properties.Select(p => p.Item1).ToArray();
        foreach (string name in names.Select(n => n.ToUpperInvariant()).Concat(["unknown", "$ref", "$type", "$id"]))
        {
            properties.Add((name, hostile));
        }

        var property = Gen.Int[0, properties.Count - 1].SelectMany(i => properties[i].Item2.Select(value => $"\"{properties[i].Item1}\":{value}"));
        return property.Array[0, 8].Select(items => "{" + string.Join(",", items) + "}");
    }

    private static Gen<string> ValueOf(Type type, int depth, Gen<string> hostile)
    {
        if (depth == 0 || type == typeof(string) || type.IsValueType)
        {
            return hostile;
        }

        var contract = Newtonsoft.ContractResolver.ResolveContract(type);
        if (contract is JsonArrayContract { CollectionItemType: { } item })
        {
            var element = Gen.Frequency((6, ObjectOf(item, depth - 1)), (1, hostile));
            return Gen.Frequency((3, element.Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")), (1, hostile));
        }

        return contract is JsonObjectContract ? Gen.Frequency((3, ObjectOf(type, depth - 1)), (1, hostile)) : hostile;
    }

    // The same for a model type known only at run time.
    private static Task<string> ReadBodyAsync(Type model, string json) =>
        (Task<string>)typeof(FlatModelReaderProperties).GetMethod(nameof(ReadBodyAsync), 1, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, [typeof(string)])!
            .MakeGenericMethod(model).Invoke(null, [json])!;

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

    /// <summary>A model that can hold itself.</summary>
    public sealed class Chain
    {
        [JsonProperty("name")]
        public string? Name { get; set; }

        [JsonProperty("next")]
        public Chain? Next { get; set; }
    }
}
