using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling.Cli.Output;

/// <summary>Serializes the tool's own output records as camelCase JSON, one object on one line.</summary>
internal static class JsonOutput
{
    // Nulls are kept so every object of a kind has the same fields, which is easier on scripts.
    private static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Formatting = Formatting.None,
        NullValueHandling = NullValueHandling.Include,
    };

    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);
}
