using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Models;

namespace Agora.Signaling.Tests.Contract;

/// <summary>The spec parses cleanly and states what the fact sheet documents: operations, hosts, authentication, limits.</summary>
public sealed partial class SpecValidityTests
{
    private const string HistoryPath = "/rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}";
    private const string PublishPath = "/rtm/v2/publish/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}";

    private static OpenApiDocument Spec => OpenApiReading.Spec;

    public static TheoryData<string, string, string> DocumentedOperations => new()
    {
        { "SendPeerMessage", "POST", "/dev/v2/project/{appid}/rtm/users/{user_id}/peer_messages" },
        { "SendChannelMessage", "POST", "/dev/v2/project/{appid}/rtm/users/{user_id}/channel_messages" },
        { "GetUserEvents", "GET", "/dev/v2/project/{appid}/rtm/vendor/user_events" },
        { "GetChannelEvents", "GET", "/dev/v2/project/{appid}/rtm/vendor/channel_events" },
        { "GetMessageHistory", "GET", HistoryPath },
        { "Publish", "POST", PublishPath },
        { "CreateHistoryQuery", "POST", "/dev/v2/project/{appid}/rtm/message/history/query" },
        { "GetHistoryQueryResult", "GET", "/dev/v2/project/{appid}/rtm/message/history/query/{handle}" },
        { "GetHistoryCount", "GET", "/dev/v2/project/{appid}/rtm/message/history/count" },
    };

    public static TheoryData<string> OperationIds => new(DocumentedOperations.Select(row => (string)row[0]));

    [Fact]
    public void The_reader_reports_no_error()
    {
        OpenApiReading.SpecDiagnostic.Errors.Should().BeEmpty(
            "the spec must be valid OpenAPI; errors: {0}", string.Join("; ", OpenApiReading.SpecDiagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public void The_reader_reports_no_warning()
    {
        var warnings = OpenApiReading.GenuineWarnings(Spec, OpenApiReading.SpecDiagnostic);

        warnings.Should().BeEmpty("warnings: {0}", string.Join("; ", warnings.Select(w => $"{w.Pointer}: {w.Message}")));
    }

    [Fact]
    public void The_spec_is_OpenAPI_3_0()
    {
        OpenApiReading.SpecDiagnostic.SpecificationVersion.Should().Be(OpenApiSpecVersion.OpenApi3_0);
        ((string?)ContractFiles.TypedSpec["openapi"]).Should().MatchRegex(@"^3\.0\.\d+$");
    }

    [Fact]
    public void A_spec_without_info_is_reported_as_an_error()
    {
        string broken = Regex.Replace(ContractFiles.SpecText, @"(?ms)^info:.*?(?=^servers:)", string.Empty);
        broken.Should().NotBe(ContractFiles.SpecText, "the mutation must have removed the info object");

        var (_, diagnostic) = OpenApiReading.Read(broken);

        diagnostic.Errors.Should().Contain(e => e.Pointer == "#/info");
    }

    [Fact]
    public void A_reference_to_a_missing_schema_is_reported_as_an_error()
    {
        string broken = ContractFiles.SpecText.Replace("'#/components/schemas/PeerMessageRequest'", "'#/components/schemas/DoesNotExist'");
        broken.Should().NotBe(ContractFiles.SpecText, "the mutation must have changed a reference");

        var (_, diagnostic) = OpenApiReading.Read(broken);

        diagnostic.Errors.Should().Contain(e => e.Message.Contains("DoesNotExist"));
    }

    [Fact]
    public void A_wrongly_typed_int64_example_is_still_reported_as_a_warning()
    {
        // Proves the false-positive filter of the warning test is narrow: a string where an int64 belongs still counts.
        const string Original = "example: {result: success, code: ok, count: 123}";
        ContractFiles.SpecText.Should().Contain(Original);
        string broken = ContractFiles.SpecText.Replace(Original, "example: {result: success, code: ok, count: many}");

        var (document, diagnostic) = OpenApiReading.Read(broken);

        OpenApiReading.GenuineWarnings(document, diagnostic).Should().Contain(w => w.Pointer.EndsWith("/example/count"));
    }

    [Theory]
    [MemberData(nameof(DocumentedOperations))]
    public void Every_documented_operation_has_its_method_and_path(string operationId, string method, string path)
    {
        var matches = Operations().Where(o => o.Operation.OperationId == operationId).ToList();

        matches.Should().ContainSingle($"operationId {operationId} must be declared once");
        matches[0].Method.Should().Be(method);
        matches[0].Path.Should().Be(path);
    }

    [Fact]
    public void The_spec_has_no_operation_beyond_the_documented_ones()
    {
        Operations().Select(o => o.Operation.OperationId).Should()
            .BeEquivalentTo(DocumentedOperations.Select(row => (string)row[0]));
    }

    [Theory]
    [InlineData("SendPeerMessage", false)]
    [InlineData("SendChannelMessage", false)]
    [InlineData("GetUserEvents", false)]
    [InlineData("GetChannelEvents", false)]
    [InlineData("GetMessageHistory", false)]
    [InlineData("Publish", false)]
    [InlineData("CreateHistoryQuery", true)]
    [InlineData("GetHistoryQueryResult", true)]
    [InlineData("GetHistoryCount", true)]
    public void Only_the_legacy_history_operations_are_deprecated(string operationId, bool deprecated)
    {
        Operation(operationId).Deprecated.Should().Be(deprecated);
    }

    [Theory]
    [InlineData(HistoryPath, "get")]
    [InlineData(PublishPath, "post")]
    public void The_2x_paths_are_served_only_on_api_sd_rtn_com(string path, string method)
    {
        var pathItem = Spec.Paths[path];
        var operation = pathItem.Operations[method == "get" ? OperationType.Get : OperationType.Post];
        var servers = operation.Servers.Count > 0 ? operation.Servers : pathItem.Servers;

        servers.Select(s => s.Url).Should().Equal("https://api.sd-rtn.com");
    }

    [Fact]
    public void The_other_paths_use_the_global_servers_starting_with_api_agora_io()
    {
        Spec.Servers.Select(s => s.Url).Should().StartWith("https://api.agora.io").And.Contain("https://api.sd-rtn.com");
        foreach (var (path, _, operation) in Operations().Where(o => o.Path is not (HistoryPath or PublishPath)))
        {
            Spec.Paths[path].Servers.Should().BeEmpty(path);
            operation.Servers.Should().BeEmpty(path);
        }
    }

    [Fact]
    public void The_security_schemes_are_basic_agora_token_and_the_legacy_token_pair()
    {
        var schemes = Spec.Components.SecuritySchemes;

        schemes.Should().ContainKeys("basicAuth", "agoraToken", "legacyToken", "legacyUid");
        schemes["basicAuth"].Type.Should().Be(SecuritySchemeType.Http);
        schemes["basicAuth"].Scheme.Should().BeEquivalentTo("basic");
        AssertHeaderApiKey(schemes["agoraToken"], "Authorization");
        AssertHeaderApiKey(schemes["legacyToken"], "x-agora-token");
        AssertHeaderApiKey(schemes["legacyUid"], "x-agora-uid");
    }

    [Fact]
    public void The_global_security_accepts_basic_or_agora_token_or_the_legacy_pair()
    {
        var alternatives = Spec.SecurityRequirements
            .Select(requirement => requirement.Keys.Select(scheme => scheme.Reference.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray())
            .ToList();

        alternatives.Should().BeEquivalentTo(
            new[] { new[] { "basicAuth" }, new[] { "agoraToken" }, new[] { "legacyToken", "legacyUid" } },
            options => options.WithStrictOrderingFor(ids => ids));
    }

    [Fact]
    public void Only_the_2x_operations_narrow_the_global_security_to_basic_and_AccessToken2()
    {
        Operations().Where(o => o.Operation.Security.Count > 0).Select(o => o.Operation.OperationId).Should().Equal("GetMessageHistory", "Publish");
        foreach (string operationId in new[] { "GetMessageHistory", "Publish" })
        {
            Operation(operationId).Security.Select(requirement => string.Join("+", requirement.Keys.Select(k => k.Reference.Id)))
                .Should().Equal("basicAuth", "agoraToken");
        }
    }

    [Theory]
    [InlineData("SendPeerMessage", new[] { 400, 401, 408, 429, 500 })]
    [InlineData("SendChannelMessage", new[] { 400, 401, 408, 429, 500 })]
    [InlineData("GetUserEvents", new[] { 400, 408, 429 })]
    [InlineData("GetChannelEvents", new[] { 400, 408, 429 })]
    [InlineData("GetMessageHistory", new[] { 400, 401, 403, 408, 415, 429, 435, 500, 503 })]
    [InlineData("Publish", new[] { 400, 401, 403, 408, 415, 429, 435, 500, 503 })]
    [InlineData("CreateHistoryQuery", new[] { 400, 408 })]
    [InlineData("GetHistoryQueryResult", new[] { 400, 408, 410 })]
    [InlineData("GetHistoryCount", new[] { 400 })]
    public void Every_operation_declares_its_documented_error_responses_with_a_json_body(string operationId, int[] documented)
    {
        var responses = Operation(operationId).Responses;

        responses.Keys.Should().Contain(documented.Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var errors = responses.Where(r => int.TryParse(r.Key, out int code) && code >= 400).ToList();
        errors.Should().NotBeEmpty();
        foreach (var (status, response) in errors)
        {
            response.Content.Should().ContainKey("application/json", $"{operationId} {status} must describe its body");
            response.Content["application/json"].Schema.Should().NotBeNull($"{operationId} {status} must have a schema");
        }
    }

    [Theory]
    [MemberData(nameof(OperationIds))]
    public void Error_bodies_use_the_envelope_of_their_api_family(string operationId)
    {
        string path = Operations().Single(o => o.Operation.OperationId == operationId).Path;
        string expected = path.StartsWith("/rtm/v2/history/", StringComparison.Ordinal) ? "MessageHistoryResponse"
            : path.StartsWith("/rtm/v2/publish/", StringComparison.Ordinal) ? "PublishResponse"
            : "ErrorResponse";

        var errorSchemas = Operation(operationId).Responses
            .Where(r => r.Key[0] is '4' or '5')
            .Select(r => r.Value.Content["application/json"].Schema.Reference?.Id)
            .Distinct();

        errorSchemas.Should().Equal(expected);
    }

    [Fact]
    public void Every_success_response_has_a_json_schema()
    {
        foreach (var (_, _, operation) in Operations())
        {
            operation.Responses.Should().ContainKey("200", operation.OperationId);
            operation.Responses["200"].Content["application/json"].Schema.Should().NotBeNull(operation.OperationId);
        }
    }

    private static void AssertHeaderApiKey(OpenApiSecurityScheme scheme, string header)
    {
        scheme.Type.Should().Be(SecuritySchemeType.ApiKey);
        scheme.In.Should().Be(ParameterLocation.Header);
        scheme.Name.Should().Be(header);
    }

    private static IEnumerable<(string Path, string Method, OpenApiOperation Operation)> Operations() =>
        Spec.Paths.SelectMany(path => path.Value.Operations.Select(
            operation => (path.Key, operation.Key.ToString().ToUpperInvariant(), operation.Value)));

    private static OpenApiOperation Operation(string operationId) =>
        Operations().Single(o => o.Operation.OperationId == operationId).Operation;
}
