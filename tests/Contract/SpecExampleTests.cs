using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Agora.Signaling.Tests.Contract;

/// <summary>Every example in the spec and every documented request/response pair validates against the spec's schemas.</summary>
public sealed class SpecExampleTests
{
    public static TheoryData<string> SpecExampleIds => new(SpecExampleCatalog.Spec.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> DocumentedExampleIds => new(ContractFiles.DocumentedExamples.Select(e => (string)e["id"]!));

    [Theory]
    [MemberData(nameof(SpecExampleIds))]
    public void A_spec_example_matches_its_schema(string id)
    {
        var example = SpecExampleCatalog.Spec[id];

        SchemaValidation.Errors(example.Schema, example.Value).Should().BeEmpty($"{id} is {example.Value}");
    }

    [Fact]
    public void Every_example_keyword_of_the_spec_is_checked()
    {
        int written = SpecExampleCatalog.CountExampleKeywords(ContractFiles.TypedSpec);

        written.Should().BeGreaterThan(0);
        SpecExampleCatalog.Spec.Should().HaveCount(written);
        SpecExampleCatalog.Spec.Keys.Should().Contain(new[]
        {
            "SendPeerMessage request body example",
            "SendPeerMessage response 200 example 'offline'",
            "GetUserEvents response 200 example 'legacy'",
            "GetMessageHistory parameter messageCount example",
            "components.parameters.AppId example",
            "components.responses.HistoryError example",
            "components.schemas.UtcSecondsTimestamp example",
        });
    }

    [Fact]
    public void A_spec_example_that_breaks_its_schema_is_caught()
    {
        var mutated = (JObject)ContractFiles.TypedSpec.DeepClone();
        var legacyEvent = mutated.SelectToken("paths['/dev/v2/project/{appid}/rtm/vendor/user_events'].get.responses['200'].content['application/json'].examples.legacy.value.events[0]")!;
        legacyEvent["ts"] = "1578027420761";

        var failing = SpecExampleCatalog.Build(mutated, ContractFiles.NSwagSpec)
            .Where(example => SchemaValidation.Errors(example.Schema, example.Value).Count > 0)
            .Select(example => example.Id);

        failing.Should().Equal("GetUserEvents response 200 example 'legacy'");
    }

    [Theory]
    [MemberData(nameof(DocumentedExampleIds))]
    public void A_documented_request_matches_its_operation(string id)
    {
        var entry = DocumentedExample(id);
        var (path, method, operation) = Operation((string)entry["operationId"]!);

        ((string)entry["method"]!).Should().Be(method.ToUpperInvariant());
        ((string)entry["path"]!).Should().MatchRegex(PathTemplateRegex(path));
        var queryParameters = operation.ActualParameters.Where(p => p.Kind == NSwag.OpenApiParameterKind.Query).Select(p => p.Name);
        ((JObject?)entry["query"] ?? new JObject()).Properties().Select(p => p.Name).Should().BeSubsetOf(queryParameters);

        var body = entry["request_body"];
        if (body is null || body.Type == JTokenType.Null)
        {
            (operation.RequestBody?.IsRequired ?? false).Should().BeFalse("the example sends no body");
            return;
        }

        var schema = operation.RequestBody.Content["application/json"].Schema;
        SchemaValidation.Errors(schema, body).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(DocumentedExampleIds))]
    public void A_documented_response_matches_the_schema_of_its_status(string id)
    {
        var entry = DocumentedExample(id);
        var (_, _, operation) = Operation((string)entry["operationId"]!);
        string status = ((int)entry["response_status"]!).ToString(CultureInfo.InvariantCulture);

        operation.ActualResponses.Should().ContainKey(status);
        var schema = operation.ActualResponses[status].Content["application/json"].Schema;
        SchemaValidation.Errors(schema, entry["response_body"]!).Should().BeEmpty();
    }

    [Theory]
    [InlineData("send-peer-message", "SendPeerMessage")]
    [InlineData("get-message-history", "GetMessageHistory")]
    [InlineData("get-history-query-result", "GetHistoryQueryResult")]
    public void Example_operation_ids_map_to_the_spec_names(string kebab, string pascal)
    {
        ToPascalCase(kebab).Should().Be(pascal);
        Operation(kebab).Operation.OperationId.Should().Be(pascal);
    }

    [Fact]
    public void An_event_whose_ms_is_a_string_is_rejected()
    {
        var body = JObject.Parse("""{"result":"success","request_id":"1","events":[{"user_id":"u","type":"Login","ms":"1578027420761"}]}""");

        SchemaValidation.Errors(ResponseSchema("GetUserEvents", "200"), body).Should().Contain(e => e.Contains("IntegerExpected"));
    }

    [Fact]
    public void A_peer_message_without_payload_is_rejected()
    {
        var body = JObject.Parse("""{"destination":"userB"}""");

        SchemaValidation.Errors(RequestSchema("SendPeerMessage"), body).Should().Contain(e => e.Contains("PropertyRequired"));
    }

    [Fact]
    public void A_peer_message_with_an_unknown_field_is_rejected()
    {
        var body = JObject.Parse("""{"destination":"userB","payload":"Hello","priority":1}""");

        SchemaValidation.Errors(RequestSchema("SendPeerMessage"), body).Should().Contain(e => e.Contains("NoAdditionalPropertiesAllowed"));
    }

    [Fact]
    public void A_peer_message_with_an_empty_payload_or_a_bad_destination_is_rejected()
    {
        SchemaValidation.Errors(RequestSchema("SendPeerMessage"), JObject.Parse("""{"destination":"userB","payload":""}"""))
            .Should().Contain(e => e.Contains("StringTooShort"));
        SchemaValidation.Errors(RequestSchema("SendPeerMessage"), JObject.Parse("""{"destination":"a/b","payload":"Hello"}"""))
            .Should().NotBeEmpty();
    }

    [Fact]
    public void History_data_may_be_null_but_not_of_another_type()
    {
        var schema = ResponseSchema("GetMessageHistory", "200");

        SchemaValidation.Errors(schema, JObject.Parse("""{"errorCode":500,"error":true,"data":null}""")).Should().BeEmpty();
        SchemaValidation.Errors(schema, JObject.Parse("""{"errorCode":500,"error":true,"data":5}""")).Should().NotBeEmpty();
        SchemaValidation.Errors(schema, JObject.Parse("""{"errorCode":200,"error":false,"data":{"newStart":"0"}}""")).Should().NotBeEmpty();
    }

    [Fact]
    public void A_history_message_count_above_100_is_rejected()
    {
        var (_, _, operation) = Operation("get-message-history");
        var schema = operation.ActualParameters.Single(p => p.Name == "messageCount").Schema;

        SchemaValidation.Errors(schema, new JValue(100)).Should().BeEmpty();
        SchemaValidation.Errors(schema, new JValue(101)).Should().NotBeEmpty();
        SchemaValidation.Errors(schema, new JValue(0)).Should().NotBeEmpty();
    }

    private static JObject DocumentedExample(string id) =>
        ContractFiles.DocumentedExamples.Children<JObject>().Single(e => (string?)e["id"] == id);

    private static string ToPascalCase(string kebab) =>
        string.Concat(kebab.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    /// <summary>Finds an operation by the examples file's kebab-case operationId.</summary>
    private static (string Path, string Method, NSwag.OpenApiOperation Operation) Operation(string kebabOperationId)
    {
        string operationId = ToPascalCase(kebabOperationId);
        return ContractFiles.NSwagSpec.Paths
            .SelectMany(path => path.Value.Select(operation => (path.Key, operation.Key, operation.Value)))
            .Single(o => o.Value.OperationId == operationId);
    }

    private static JsonSchema RequestSchema(string operationId) =>
        Operation(ToKebab(operationId)).Operation.RequestBody.Content["application/json"].Schema;

    private static JsonSchema ResponseSchema(string operationId, string status) =>
        Operation(ToKebab(operationId)).Operation.ActualResponses[status].Content["application/json"].Schema;

    private static string ToKebab(string pascal) => Regex.Replace(pascal, "(?<!^)([A-Z])", "-$1").ToLowerInvariant();

    private static string PathTemplateRegex(string template) =>
        "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
}
