using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling;

/// <summary>
/// Writes a request body whose properties are all strings, numbers and booleans (a peer or channel message, a history
/// query) from its contract, without Newtonsoft's general object writer, which for every body built a writer state,
/// a reference stack and an array (about 170 B) and checked per property what this contract settles once. It writes
/// the properties in the contract's order, leaves out nulls the contract or the serializer ignores, refuses a null for
/// a required property with Newtonsoft's own exception type, and writes each value with the writer call Newtonsoft
/// makes for it; a property test compares the bytes with Newtonsoft's on hostile values.
/// </summary>
internal sealed class FlatModelWriter
{
    private readonly JsonProperty[] _properties;
    private readonly NullValueHandling?[] _nullHandling;

    // Names that no escape handling changes are written as they are: escaping each on every body showed in profiles.
    private readonly bool[] _escapeName;

    private FlatModelWriter(JsonObjectContract contract)
    {
        _properties = contract.Properties.Where(p => !p.Ignored).ToArray();
        _nullHandling = _properties.Select(p => p.NullValueHandling ?? contract.ItemNullValueHandling).ToArray();
        _escapeName = _properties.Select(p => !p.PropertyName!.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')).ToArray();
    }

    /// <summary>Gets a writer for a contract when every part of it is one this writer handles as Newtonsoft would; otherwise <see langword="null"/>.</summary>
    public static FlatModelWriter? For(JsonObjectContract contract)
    {
        bool plain = contract.Converter is null && contract.ExtensionDataGetter is null && contract.ItemRequired is null
            && contract.IsReference is null or false && contract.ItemIsReference is null && contract.ItemTypeNameHandling is null && contract.ItemConverter is null
            && contract.OnSerializingCallbacks.Count == 0 && contract.OnSerializedCallbacks.Count == 0 && contract.OnErrorCallbacks.Count == 0
            && contract.Properties.All(Plain);
        return plain ? new FlatModelWriter(contract) : null;
    }

    /// <summary>Whether this serializer's own settings leave a flat body as its contract says: no converters, no type names or references, defaults written.</summary>
    public static bool Suits(JsonSerializer serializer) =>
        serializer.Converters.Count == 0 && serializer.TypeNameHandling == TypeNameHandling.None
        && serializer.PreserveReferencesHandling == PreserveReferencesHandling.None
        && serializer.DefaultValueHandling == DefaultValueHandling.Include && serializer.TraceWriter is null;

    public void Write(JsonWriter writer, object value, JsonSerializer serializer)
    {
        writer.WriteStartObject();
        for (int i = 0; i < _properties.Length; i++)
        {
            var property = _properties[i];
            object? member = property.ValueProvider!.GetValue(value);
            if (member is null)
            {
                if ((_nullHandling[i] ?? serializer.NullValueHandling) == NullValueHandling.Ignore)
                {
                    continue;
                }

                if (property.Required is Required.Always or Required.DisallowNull)
                {
                    throw new JsonSerializationException($"Cannot write a null value for property '{property.PropertyName}'. Property requires a value.");
                }
            }

            writer.WritePropertyName(property.PropertyName!, _escapeName[i]);
            WriteValue(writer, member);
        }

        writer.WriteEndObject();
    }

    // The writer call Newtonsoft's WriteValue(object) picks for each primitive, without its lookup of the value's type.
    private static void WriteValue(JsonWriter writer, object? value)
    {
        switch (value)
        {
            case string text:
                writer.WriteValue(text);
                break;
            case bool flag:
                writer.WriteValue(flag);
                break;
            case int number:
                writer.WriteValue(number);
                break;
            case long number:
                writer.WriteValue(number);
                break;
            default:
                writer.WriteValue(value);
                break;
        }
    }

    // A readable property of a primitive type, written without conditions or converters.
    private static bool Plain(JsonProperty property) =>
        property.Ignored || (property.Readable && property.Converter is null && property.ShouldSerialize is null && property.GetIsSpecified is null
            && property.DefaultValueHandling is null or DefaultValueHandling.Include && property.IsReference is null && property.TypeNameHandling is null
            && property.ItemConverter is null && property.PropertyType is { } type && IsPrimitive(Nullable.GetUnderlyingType(type) ?? type));

    private static bool IsPrimitive(Type type) =>
        type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(double);
}
