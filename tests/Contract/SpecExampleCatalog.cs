using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Agora.Signaling.Tests.Contract;

/// <summary>One example written in the spec and the schema it illustrates.</summary>
internal sealed record SpecExample(string Id, JToken Value, JsonSchema Schema);

/// <summary>
/// Finds every example of the spec: media-type and parameter <c>example</c>/<c>examples</c> (inline or in components)
/// and <c>example</c> inside schemas. Values come from the typed YAML; schemas from the NSwag document.
/// </summary>
internal static class SpecExampleCatalog
{
    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private static readonly Lazy<IReadOnlyDictionary<string, SpecExample>> SpecValue = new(
        () => Build(ContractFiles.TypedSpec, ContractFiles.NSwagSpec).ToDictionary(example => example.Id));

    public static IReadOnlyDictionary<string, SpecExample> Spec => SpecValue.Value;

    public static IReadOnlyList<SpecExample> Build(JObject raw, NSwag.OpenApiDocument document)
    {
        var found = new List<SpecExample>();

        foreach (var (path, pathNode) in Children(raw["paths"]))
        {
            var pathItem = document.Paths[path];
            foreach (var (method, operationNode) in Children(pathNode).Where(child => HttpMethods.Contains(child.Name)))
            {
                var operation = pathItem[method];
                string label = (string?)operationNode["operationId"] ?? $"{method.ToUpperInvariant()} {path}";

                foreach (var parameterNode in operationNode["parameters"]?.Children<JObject>() ?? Enumerable.Empty<JObject>())
                {
                    if (parameterNode["$ref"] is null)
                    {
                        string name = (string)parameterNode["name"]!;
                        var parameter = operation.ActualParameters.Single(p => p.Name == name);
                        AddParameter(found, raw, parameterNode, parameter, $"{label} parameter {name}");
                    }
                }

                if (operationNode["requestBody"] is JObject body && body["$ref"] is null)
                {
                    AddContent(found, raw, body, operation.RequestBody.Content, $"{label} request body");
                }

                foreach (var (status, responseNode) in Children(operationNode["responses"]))
                {
                    if (responseNode["$ref"] is null)
                    {
                        AddContent(found, raw, (JObject)responseNode, operation.Responses[status].Content, $"{label} response {status}");
                    }
                }
            }
        }

        var components = raw["components"];
        foreach (var (name, node) in Children(components?["parameters"]))
        {
            AddParameter(found, raw, (JObject)node, document.Components.Parameters[name], $"components.parameters.{name}");
        }

        foreach (var (name, node) in Children(components?["requestBodies"]))
        {
            AddContent(found, raw, (JObject)node, document.Components.RequestBodies[name].Content, $"components.requestBodies.{name}");
        }

        foreach (var (name, node) in Children(components?["responses"]))
        {
            AddContent(found, raw, (JObject)node, document.Components.Responses[name].Content, $"components.responses.{name}");
        }

        foreach (var (name, node) in Children(components?["schemas"]))
        {
            AddSchema(found, node, document.Components.Schemas[name], $"components.schemas.{name}");
        }

        return found;
    }

    /// <summary>Counts example keywords anywhere in the spec, to prove <see cref="Build"/> misses none.</summary>
    public static int CountExampleKeywords(JToken node, bool isPropertyMap = false)
    {
        int count = 0;
        if (node is JObject obj)
        {
            foreach (var property in obj.Properties())
            {
                if (!isPropertyMap && property.Name == "example")
                {
                    count++;
                }
                else if (!isPropertyMap && property.Name == "examples" && property.Value is JObject named)
                {
                    count += named.Count;
                }
                else
                {
                    count += CountExampleKeywords(property.Value, isPropertyMap: !isPropertyMap && property.Name == "properties");
                }
            }
        }
        else if (node is JArray array)
        {
            count += array.Sum(item => CountExampleKeywords(item));
        }

        return count;
    }

    private static void AddParameter(List<SpecExample> found, JObject raw, JObject node, NSwag.OpenApiParameter parameter, string label)
    {
        var schema = parameter.Schema ?? throw new InvalidOperationException($"{label} has no schema.");
        AddExamples(found, raw, node, schema, label);
        if (node["schema"] is JObject schemaNode)
        {
            AddSchema(found, schemaNode, schema, $"{label} schema");
        }
    }

    private static void AddContent(List<SpecExample> found, JObject raw, JObject node, IDictionary<string, NSwag.OpenApiMediaType> content, string label)
    {
        foreach (var (mediaType, mediaNode) in Children(node["content"]))
        {
            var schema = content[mediaType].Schema ?? throw new InvalidOperationException($"{label} {mediaType} has no schema.");
            AddExamples(found, raw, (JObject)mediaNode, schema, label);
            if (mediaNode["schema"] is JObject schemaNode)
            {
                AddSchema(found, schemaNode, schema, $"{label} schema");
            }
        }
    }

    private static void AddExamples(List<SpecExample> found, JObject raw, JObject node, JsonSchema schema, string label)
    {
        if (node.TryGetValue("example", out var example))
        {
            found.Add(new SpecExample($"{label} example", example, schema));
        }

        foreach (var (name, exampleNode) in Children(node["examples"]))
        {
            var resolved = exampleNode["$ref"] is JValue reference ? Resolve(raw, (string)reference!) : exampleNode;
            if (resolved["externalValue"] is not null)
            {
                throw new NotSupportedException($"{label} example '{name}' uses externalValue, which this test cannot read.");
            }

            found.Add(new SpecExample($"{label} example '{name}'", resolved["value"] ?? JValue.CreateNull(), schema));
        }
    }

    private static void AddSchema(List<SpecExample> found, JToken node, JsonSchema schema, string label)
    {
        if (node is not JObject obj || obj["$ref"] is not null)
        {
            return;
        }

        if (obj.TryGetValue("example", out var example))
        {
            found.Add(new SpecExample($"{label} example", example, schema));
        }

        foreach (var (property, propertyNode) in Children(obj["properties"]))
        {
            AddSchema(found, propertyNode, schema.Properties[property], $"{label}.{property}");
        }

        if (obj["items"] is JObject items)
        {
            AddSchema(found, items, schema.Item!, $"{label}[]");
        }

        if (obj["additionalProperties"] is JObject additional)
        {
            AddSchema(found, additional, schema.AdditionalPropertiesSchema!, $"{label}{{*}}");
        }

        AddComposition(found, obj["allOf"], schema.AllOf, $"{label}.allOf");
        AddComposition(found, obj["oneOf"], schema.OneOf, $"{label}.oneOf");
        AddComposition(found, obj["anyOf"], schema.AnyOf, $"{label}.anyOf");
    }

    private static void AddComposition(List<SpecExample> found, JToken? node, ICollection<JsonSchema> schemas, string label)
    {
        if (node is JArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                AddSchema(found, array[i], schemas.ElementAt(i), $"{label}[{i}]");
            }
        }
    }

    private static JToken Resolve(JObject raw, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are supported, not {reference}.");
        }

        JToken current = raw;
        foreach (string segment in reference[2..].Split('/'))
        {
            current = current[segment.Replace("~1", "/").Replace("~0", "~")] ?? throw new KeyNotFoundException(reference);
        }

        return current;
    }

    private static IEnumerable<(string Name, JToken Value)> Children(JToken? node) =>
        node is JObject obj ? obj.Properties().Select(p => (p.Name, p.Value)) : Enumerable.Empty<(string, JToken)>();
}
