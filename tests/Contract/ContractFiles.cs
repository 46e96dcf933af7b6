using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Contract;

/// <summary>The contract files copied next to the test assembly, loaded once per test run.</summary>
internal static class ContractFiles
{
    private static readonly Lazy<string> SpecTextValue = new(() => File.ReadAllText(SpecPath));
    private static readonly Lazy<JObject> TypedSpecValue = new(() => (JObject)TypedYaml.Parse(SpecText));
    private static readonly Lazy<NSwag.OpenApiDocument> NSwagSpecValue = new(
        () => NSwag.OpenApiYamlDocument.FromFileAsync(SpecPath).GetAwaiter().GetResult());
    private static readonly Lazy<JArray> DocumentedExamplesValue = new(
        () => JArray.Parse(File.ReadAllText(DocumentedExamplesPath)));

    public static string SpecPath => Path.Combine(AppContext.BaseDirectory, "Contract", "signaling.yaml");

    public static string DocumentedExamplesPath => Path.Combine(AppContext.BaseDirectory, "Contract", "Examples", "signaling-examples.json");

    /// <summary>The spec exactly as written.</summary>
    public static string SpecText => SpecTextValue.Value;

    /// <summary>
    /// The spec as JSON with YAML scalar types kept (<c>1578027420761</c> is a number, <c>'123'</c> a string).
    /// NSwag's YAML loader turns every scalar into a string, which is fine for schema keywords but not for example values.
    /// </summary>
    public static JObject TypedSpec => TypedSpecValue.Value;

    /// <summary>The spec loaded by NSwag; its schemas are NJsonSchema schemas that can validate JSON.</summary>
    public static NSwag.OpenApiDocument NSwagSpec => NSwagSpecValue.Value;

    /// <summary>The documented request/response pairs of the fact sheet.</summary>
    public static JArray DocumentedExamples => DocumentedExamplesValue.Value;
}
