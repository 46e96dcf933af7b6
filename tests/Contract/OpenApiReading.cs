using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;

namespace Agora.Signaling.Tests.Contract;

/// <summary>Reads OpenAPI text with Microsoft.OpenApi.Readers, the validator the spec tests rely on.</summary>
internal static class OpenApiReading
{
    private const string DataTypeMismatch = "Data and type mismatch found.";

    private static readonly Lazy<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> SpecValue = new(() => Read(ContractFiles.SpecText));

    public static OpenApiDocument Spec => SpecValue.Value.Document;

    public static OpenApiDiagnostic SpecDiagnostic => SpecValue.Value.Diagnostic;

    public static (OpenApiDocument Document, OpenApiDiagnostic Diagnostic) Read(string text)
    {
        var document = new OpenApiStringReader().Read(text, out var diagnostic);
        return (document, diagnostic);
    }

    /// <summary>
    /// The warnings of a read, minus one known false positive of Microsoft.OpenApi 1.x: a media-type <c>example</c> is
    /// typed before its <c>$ref</c> schema is resolved, so an integer that fits in 32 bits becomes an
    /// <see cref="OpenApiInteger"/>, and the rule for <c>format: int64</c> then wants an <see cref="OpenApiLong"/>.
    /// JSON has no such distinction (1234567 is a valid int64), so exactly that case is dropped; every other warning stays.
    /// </summary>
    public static IReadOnlyList<OpenApiError> GenuineWarnings(OpenApiDocument document, OpenApiDiagnostic diagnostic) =>
        diagnostic.Warnings.Where(warning => !IsSmallIntegerInInt64Example(document, warning)).ToList();

    private static bool IsSmallIntegerInInt64Example(OpenApiDocument document, OpenApiError warning)
    {
        if (warning.Message != DataTypeMismatch || warning.Pointer is null)
        {
            return false;
        }

        string[] segments = warning.Pointer.TrimStart('#', '/').Split('/')
            .Select(segment => segment.Replace("~1", "/").Replace("~0", "~")).ToArray();

        OpenApiMediaType? media;
        int next;
        try
        {
            switch (segments)
            {
                case ["paths", var path, var method, "responses", var status, "content", var mediaType, "example", ..]:
                    media = Operation(document, path, method).Responses[status].Content[mediaType];
                    next = 8;
                    break;
                case ["paths", var path, var method, "requestBody", "content", var mediaType, "example", ..]:
                    media = Operation(document, path, method).RequestBody.Content[mediaType];
                    next = 7;
                    break;
                default:
                    return false;
            }
        }
        catch (KeyNotFoundException)
        {
            return false;
        }

        OpenApiSchema? schema = media.Schema;
        IOpenApiAny? value = media.Example;
        for (int i = next; i < segments.Length; i++)
        {
            if (value is OpenApiObject obj && schema?.Properties.TryGetValue(segments[i], out var propertySchema) == true
                && obj.TryGetValue(segments[i], out var propertyValue))
            {
                (schema, value) = (propertySchema, propertyValue);
            }
            else if (value is OpenApiArray array && schema?.Items is not null && int.TryParse(segments[i], out int index) && index < array.Count)
            {
                (schema, value) = (schema.Items, array[index]);
            }
            else
            {
                return false;
            }
        }

        return schema is { Type: "integer", Format: "int64" } && value is OpenApiInteger;
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string path, string method) =>
        document.Paths[path].Operations[Enum.Parse<OperationType>(method, ignoreCase: true)];
}
