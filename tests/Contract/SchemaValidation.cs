using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Agora.Signaling.Tests.Contract;

/// <summary>Validates JSON against the spec's schemas with NJsonSchema, reading <c>nullable: true</c> the OpenAPI 3 way.</summary>
internal static class SchemaValidation
{
    public static IReadOnlyList<string> Errors(JsonSchema schema, JToken value)
    {
        var errors = schema.Validate(value.ToString(Formatting.None), SchemaType.OpenApi3);
        return errors.SelectMany(error => Describe(error, string.Empty)).ToList();
    }

    private static IEnumerable<string> Describe(ValidationError error, string indent)
    {
        yield return $"{indent}{error.Kind} at {error.Path}";
        if (error is ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.Values.SelectMany(list => list))
            {
                foreach (string line in Describe(nested, indent + "  "))
                {
                    yield return line;
                }
            }
        }
    }
}
