using System.Reflection;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// The SDK writes flat request bodies with its own <see cref="FlatModelWriter"/>. For any values at all, including
/// nulls in required properties and hostile text, it writes the bytes Newtonsoft's own writer writes through the same
/// UTF-8 writer, or refuses what it refuses.
/// </summary>
public sealed class FlatModelWriterProperties
{
    private static readonly JsonSerializer Sdk = RestResponseReader.SerializerFor(new JsonSerializerSettings());

    private static readonly JsonSerializer Newtonsoft = JsonSerializer.Create(new JsonSerializerSettings { ContractResolver = new DefaultContractResolver() });

    private static readonly Type[] Flat = [typeof(PeerMessageRequest), typeof(ChannelMessageRequest)];

    public static TheoryData<Type> Models => new(Flat);

    [Fact]
    public void The_message_requests_and_the_history_query_are_written_by_the_flat_writer()
    {
        foreach (var model in Flat)
        {
            SignalingContractResolver.Instance.FlatWriterFor(model).Should().NotBeNull("{0} holds only strings, numbers and booleans", model.Name);
        }

        SignalingContractResolver.Instance.FlatWriterFor(typeof(HistoryQueryRequest)).Should().BeNull("a model holding another model is left to Newtonsoft");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Any_values_are_written_as_Newtonsoft_writes_them_or_refused_as_it_refuses_them(Type model)
    {
        var properties = model.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        Gen.Int.Array[properties.Length].Sample(
            seeds =>
            {
                var body = Activator.CreateInstance(model, nonPublic: true)!;
                for (int i = 0; i < properties.Length; i++)
                {
                    properties[i].SetValue(body, Pick(properties[i].PropertyType, seeds[i]));
                }

                Outcome(Sdk, body).Should().Be(Outcome(Newtonsoft, body), "writing {0}", string.Join(", ", properties.Select(p => p.GetValue(body) ?? "null")));
            },
            iter: PropertyTesting.Iterations(3_000));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Hostile_text_in_every_string_is_written_as_Newtonsoft_writes_it(Type model)
    {
        var strings = model.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.PropertyType == typeof(string)).ToArray();
        PropertyTesting.HostileString.Array[strings.Length].Sample(
            texts =>
            {
                var body = Activator.CreateInstance(model, nonPublic: true)!;
                for (int i = 0; i < strings.Length; i++)
                {
                    strings[i].SetValue(body, texts[i]);
                }

                Outcome(Sdk, body).Should().Be(Outcome(Newtonsoft, body));
            },
            iter: PropertyTesting.Iterations(1_000));
    }

    // A value of the property's type chosen by a seed: null often, edge values, ordinary ones.
    private static object? Pick(Type type, int seed)
    {
        int choice = Math.Abs(seed % 6);
        if (choice == 0 && (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null))
        {
            return null;
        }

        return (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => choice switch { 1 => string.Empty, 2 => "\"\\\n\u2028</script>", 3 => "é𝄞\ud800", _ => "v" + seed },
            var t when t == typeof(bool) => seed % 2 == 0,
            var t when t == typeof(int) => choice switch { 1 => int.MinValue, 2 => int.MaxValue, _ => seed },
            var t when t == typeof(long) => choice switch { 1 => long.MinValue, 2 => long.MaxValue, _ => (long)seed * 1_000_003 },
            var t when t == typeof(double) => choice switch { 1 => double.NaN, 2 => double.PositiveInfinity, 3 => -0.0, _ => seed / 7.0 },
            var t => throw new InvalidOperationException($"No values for {t}."),
        };
    }

    // The bytes written, as text, or that the body was refused.
    private static string Outcome(JsonSerializer serializer, object body)
    {
        try
        {
            return Convert.ToBase64String(Utf8BodyWriter.Serialize(serializer, body));
        }
        catch (JsonSerializationException)
        {
            return "refused";
        }
    }
}
