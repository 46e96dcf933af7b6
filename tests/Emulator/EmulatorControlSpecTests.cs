using System.Text;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Contract;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Emulator;

/// <summary>openapi/emulator-control.yaml is valid and describes what the emulator serves: every operation, its examples and its answers.</summary>
public sealed class EmulatorControlSpecTests : IDisposable
{
    private static readonly string SpecPath = RepositoryFiles.Path(Path.Combine("openapi", "emulator-control.yaml"));

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();
    private readonly HttpClient _http = new();

    [Fact]
    public void The_spec_is_valid_openapi_without_warnings()
    {
        var (document, diagnostic) = OpenApiReading.Read(File.ReadAllText(SpecPath));

        diagnostic.Errors.Should().BeEmpty();
        OpenApiReading.GenuineWarnings(document, diagnostic).Should().BeEmpty();
        document.Paths.Keys.Should().OnlyContain(path => path.StartsWith("/" + SignalingEmulator.ControlPrefix + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_answers_its_example_with_a_documented_status_and_body()
    {
        var spec = await NSwag.OpenApiYamlDocument.FromFileAsync(SpecPath);
        var typed = (JObject)TypedYaml.Parse(File.ReadAllText(SpecPath));
        var operations = spec.Paths.SelectMany(path => path.Value.Select(operation => (Path: path.Key, Method: operation.Key, operation.Value))).ToList();
        operations.Should().HaveCount(10);

        // Reset last: it would throw away what the other examples seeded.
        foreach (var (path, method, operation) in operations.OrderBy(o => o.Value.OperationId == "Reset"))
        {
            var example = typed["paths"]![path]![method]!["requestBody"]?["content"]?["application/json"]?["example"];
            string query = operation.OperationId switch
            {
                "ReadHistory" => "?channelType=message&channelName=lobby",
                "ReadMessages" => "?kind=peer",
                _ => string.Empty,
            };
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(_emulator.Endpoint, path.TrimStart('/') + query))
            {
                Content = example is null ? null : new StringContent(example.ToString(), Encoding.UTF8, "application/json"),
            };

            using var response = await _http.SendAsync(request);
            string status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string body = await response.Content.ReadAsStringAsync();

            operation.ActualResponses.Keys.Should().Contain(status, $"{method} {path} answered {body}");
            status.Should().StartWith("2", $"{method} {path} answered {body}");
            var content = operation.ActualResponses[status].Content;
            if (content.Count > 0)
            {
                SchemaValidation.Errors(content["application/json"].Schema, JToken.Parse(body)).Should().BeEmpty($"{method} {path} answered {body}");
            }
            else
            {
                body.Should().BeEmpty();
            }
        }

        _emulator.Messages.Should().BeEmpty("the reset ran last");
    }

    public void Dispose()
    {
        _http.Dispose();
        _emulator.Dispose();
    }
}
