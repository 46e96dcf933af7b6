using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Tokens;

/// <summary>The known answers of ../shared/reference/token-vectors.json.</summary>
public static class TokenVectors
{
    private static readonly Lazy<List<JObject>> All = new(() =>
        JArray.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tokens", "Vectors", "token-vectors.json"))).Cast<JObject>().ToList());

    public static JObject Get(string id) => All.Value.Single(v => (string)v["id"]! == id);

    public static TheoryData<string> Ids(Func<JObject, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var vector in All.Value.Where(predicate))
        {
            data.Add((string)vector["id"]!);
        }

        return data;
    }

    public static bool IsGenerated007(JObject v) => ((string)v["id"]!).StartsWith("gen007-", StringComparison.Ordinal);

    public static bool IsGenerated006(JObject v) => ((string)v["id"]!).StartsWith("gen006-", StringComparison.Ordinal);

    public static bool IsKnownAnswer007(JObject v) => (string)v["format"]! == "007" && v["expected"]?.Type == JTokenType.String;

    public static bool IsKnownAnswer006(JObject v) => ((string)v["id"]!).StartsWith("kat006-", StringComparison.Ordinal);

    public static bool IsVerification(JObject v) => v["expected"]?.Type == JTokenType.Boolean;

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    /// <summary>Leading digits of keys such as "1000(kRtmLogin)".</summary>
    public static ushort PrivilegeKey(string key) => ushort.Parse(new string(key.TakeWhile(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Inflate(string token007)
    {
        byte[] compressed = Convert.FromBase64String(token007[3..]);
        using var input = new MemoryStream(compressed);
        using var zlib = new System.IO.Compression.ZLibStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}
