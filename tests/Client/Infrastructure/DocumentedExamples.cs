using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Client.Infrastructure;

/// <summary>The documented request/response pairs of ../shared/reference/signaling-examples.json.</summary>
public static class DocumentedExamples
{
    private static readonly Lazy<Dictionary<string, JObject>> All = new(() =>
        JArray.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "Examples", "signaling-examples.json")))
            .Cast<JObject>()
            .ToDictionary(e => (string)e["id"]!));

    public static JObject Get(string id) => All.Value[id];

    /// <summary>Gets the ID of every example, in the file's order.</summary>
    public static IEnumerable<string> Ids => All.Value.Keys;

    public static IEnumerable<string> IdsOf(string operationId) =>
        All.Value.Values.Where(e => (string?)e["operationId"] == operationId).Select(e => (string)e["id"]!);

    public static string ResponseBody(string id) => Get(id)["response_body"]!.ToString(Newtonsoft.Json.Formatting.None);

    public static int ResponseStatus(string id) => (int)Get(id)["response_status"]!;

    public static JToken RequestBody(string id) => Get(id)["request_body"]!;
}
