using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Processes;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Contract;

/// <summary>
/// Each operation is declared once, in the spec, and every place an operation needs is checked against that
/// declaration: the generated description, the client method, the emulator route. A new operation missing from one
/// of them fails here, or stops the build.
/// </summary>
public sealed partial class OperationDescriptionTests
{
    private static readonly Dictionary<string, string[]> Extensions = new()
    {
        ["x-signaling-kind"] = ["send", "destructive-read", "read"],
        ["x-signaling-rate-limit"] = ["messages", "event-pulls", "history", "publish"],
        ["x-signaling-hosts"] = ["rest", "rtm2"],
    };

    private static readonly SignalingEmulatorOptions Defaults = new();

    public static TheoryData<string> SpecOperationIds => new(SpecOperations().Select(o => o.Id));

    public static TheoryData<string> GeneratedOperationNames => new(Generated().Select(o => o.Name));

    [Theory]
    [MemberData(nameof(SpecOperationIds))]
    public void Every_operation_in_the_spec_declares_what_the_runtime_needs(string operationId)
    {
        var operation = SpecOperations().Single(o => o.Id == operationId).Node;

        foreach (var (extension, allowed) in Extensions)
        {
            ((string?)operation[extension]).Should().BeOneOf(allowed, "{0} must declare {1}", operationId, extension);
        }
    }

    [Fact]
    public void The_generated_descriptions_are_exactly_the_spec_operations()
    {
        Generated().Select(o => o.Name).Should().BeEquivalentTo(SpecOperations().Select(o => o.Id));
    }

    [Theory]
    [MemberData(nameof(GeneratedOperationNames))]
    public void A_generated_description_says_what_the_spec_declares(string name)
    {
        var description = Generated().Single(o => o.Name == name);
        var (_, path, method, node) = SpecOperations().Single(o => o.Id == name);

        description.Method.Method.Should().Be(method.ToUpperInvariant());
        description.PathTemplate.Should().Be(path);
        KebabCase(description.Kind.ToString()).Should().Be((string?)node["x-signaling-kind"]);
        KebabCase(description.RateLimit.ToString()).Should().Be((string?)node["x-signaling-rate-limit"]);
        KebabCase(description.Hosts.ToString()).Should().Be((string?)node["x-signaling-hosts"]);
    }

    [Theory]
    [MemberData(nameof(GeneratedOperationNames))]
    public void Every_operation_has_a_client_method(string name)
    {
        // An operation may have overloads (publish takes text or an object); each of them counts.
        typeof(ISignalingClient).GetMethods().Where(m => m.Name == name + "Async").Should().NotBeEmpty("{0} is declared in the spec, so ISignalingClient must offer it", name);
        typeof(SignalingClient).GetMethods().Where(m => m.Name == name + "Async").Should().OnlyContain(m => m.IsVirtual, "the client can be mocked");
    }

    [Theory]
    [MemberData(nameof(GeneratedOperationNames))]
    public async Task Every_operation_has_an_emulator_route(string name)
    {
        var description = Generated().Single(o => o.Name == name);
        using var emulator = SignalingEmulator.Start();
        using var http = new HttpClient();
        string path = PathParameter().Replace(description.PathTemplate, match => match.Value switch
        {
            "{appid}" or "{appId}" => emulator.AppId,
            "{channelType}" => "message",
            _ => "someone",
        });
        using var request = new HttpRequestMessage(description.Method, new Uri(emulator.Endpoint, path.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Defaults.CustomerId}:{Defaults.CustomerSecret}")));
        if (description.Method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        body.Should().NotContain("No such operation").And.NotContain("Not found", "the emulator must route {0}", name);
    }

    [Fact]
    public async Task A_generated_method_refuses_the_context_of_another_operation()
    {
        using var http = new HttpClient();
        var events = new EventsRestClient(http, new SignalingEndpoints(new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:9/")));

        var call = () => events.GetChannelEventsAsync("app", RequestContext.Create(SignalingOperations.GetUserEvents, null, new SecretMask()), CancellationToken.None).AsTask();

        (await call.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*GetUserEvents*GetChannelEvents*");
    }

    [Fact]
    public async Task An_operation_without_a_declared_kind_stops_the_build()
    {
        string output = await GenerateWithAsync(spec => spec.Replace("      x-signaling-kind: destructive-read\n", string.Empty, StringComparison.Ordinal));

        output.Should().Contain("#error GetUserEvents must declare x-signaling-kind");
    }

    [Fact]
    public async Task An_operation_with_an_unknown_rate_limit_stops_the_build()
    {
        string output = await GenerateWithAsync(spec => spec.Replace("      x-signaling-rate-limit: history\n", "      x-signaling-rate-limit: lots\n", StringComparison.Ordinal));

        output.Should().Contain("must declare x-signaling-rate-limit");
    }

    private static IEnumerable<SignalingOperation> Generated() =>
        typeof(SignalingOperations).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(SignalingOperation))
            .Select(f => (SignalingOperation)f.GetValue(null)!);

    private static IEnumerable<(string Id, string Path, string Method, JObject Node)> SpecOperations() =>
        from path in ((JObject)ContractFiles.TypedSpec["paths"]!).Properties()
        from method in ((JObject)path.Value).Properties()
        where method.Value is JObject operation && operation["operationId"] is not null
        select ((string)method.Value["operationId"]!, path.Name, method.Name, (JObject)method.Value);

    private static string KebabCase(string pascal) => Regex.Replace(pascal, "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant();

    // Runs NSwag, as the build does, on a copy of the contract changed by `mutate`, and returns the generated code.
    private static async Task<string> GenerateWithAsync(Func<string, string> mutate)
    {
        string work = Directory.CreateTempSubdirectory("signaling-nswag-").FullName;
        try
        {
            string spec = File.ReadAllText(RepositoryFiles.Path("openapi/signaling.yaml"));
            string mutated = mutate(spec);
            mutated.Should().NotBe(spec, "the mutation must change the contract");
            Directory.CreateDirectory(Path.Combine(work, "openapi"));
            File.WriteAllText(Path.Combine(work, "openapi", "signaling.yaml"), mutated);
            CopyDirectory(RepositoryFiles.Path("openapi/templates"), Path.Combine(work, "openapi", "templates"));
            File.Copy(RepositoryFiles.Path("nswag.json"), Path.Combine(work, "nswag.json"));

            string nswag = typeof(OperationDescriptionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NSwagDll").Value!;
            using var generator = ChildProcess.Start("dotnet", [nswag, "run", "nswag.json"], workingDirectory: work);
            int exitCode = await generator.WaitForExitAsync(TimeSpan.FromMinutes(2));
            exitCode.Should().Be(0, "NSwag itself succeeds; it is the C# compiler that stops at #error. {0}{1}", generator.Stdout, generator.Stderr);
            return File.ReadAllText(Path.Combine(work, "src", "Generated", "SignalingRestClients.g.cs"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
