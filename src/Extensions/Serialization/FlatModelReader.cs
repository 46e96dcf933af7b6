using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling;

/// <summary>
/// Reads a model whose properties are all strings, numbers and booleans (an event, a history message, a send answer)
/// straight off the reader, for the items of a batch and for a whole body. Newtonsoft's general object reader spent
/// about a quarter of a 100-message history page's time deciding, for every property of every item, what this contract
/// settles once. Each value is read
/// with the reader call Newtonsoft itself would make for its type and set through the contract's value provider; a
/// value of any other shape goes to the serializer, which converts it or refuses it exactly as it would have. A model's
/// only callback may be the 2020 spellings' (<see cref="ILegacySpellings"/>), which is called without reflection.
/// </summary>
internal sealed class FlatModelReader : JsonConverter
{
    // The value of a token the fast path does not take; the serializer reads it instead.
    private static readonly object Unread = new();

    private readonly JsonObjectContract _contract;
    private readonly Func<object> _create;
    private readonly Dictionary<string, Slot> _slots;
    private readonly Slot[] _ordered;

    private FlatModelReader(JsonObjectContract contract, Func<object> create)
    {
        _contract = contract;
        _create = create;
        _ordered = contract.Properties.Where(p => !p.Ignored).Select(SlotFor).ToArray();
        _slots = _ordered.ToDictionary(slot => slot.Property.PropertyName!, StringComparer.Ordinal);
    }

    private enum ValueRead
    {
        String,
        Int32,
        Int64,
        Boolean,
        Double,
    }

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <summary>Gets a reader for a contract when every part of it is one this reader handles as Newtonsoft would; otherwise <see langword="null"/>.</summary>
    public static FlatModelReader? For(JsonObjectContract contract)
    {
        bool plain = contract.DefaultCreator is not null && !contract.DefaultCreatorNonPublic
            && contract.CreatorParameters.Count == 0 && contract.OverrideCreator is null
            && contract.ExtensionDataSetter is null && contract.ItemRequired is null && contract.MissingMemberHandling is null
            && contract.OnDeserializingCallbacks.Count == 0 && contract.OnErrorCallbacks.Count == 0
            && (contract.OnDeserializedCallbacks.Count == 0 || (contract.OnDeserializedCallbacks.Count == 1 && contract.UnderlyingType.IsAssignableTo(typeof(ILegacySpellings))))
            && contract.IsReference is null or false && contract.Properties.All(Plain);
        return plain ? new FlatModelReader(contract, contract.DefaultCreator!) : null;
    }

    /// <inheritdoc />
    public override bool CanConvert(Type objectType) => objectType == _contract.UnderlyingType;

    /// <summary>
    /// Reads a whole body as <paramref name="body"/>'s Deserialize would: with its reader settings, past comments before
    /// the value, and, when it checks, nothing but comments after it. Values the fast path does not take go to
    /// <paramref name="values"/>, a serializer like it that does not check for content after them.
    /// </summary>
    public object? ReadBody(JsonReader reader, JsonSerializer body, JsonSerializer values)
    {
        reader.DateParseHandling = body.DateParseHandling;
        reader.FloatParseHandling = body.FloatParseHandling;
        reader.DateTimeZoneHandling = body.DateTimeZoneHandling;
        reader.Culture = body.Culture;
        reader.MaxDepth = body.MaxDepth;

        if (!MoveToContent(reader))
        {
            return null;
        }

        object? value = ReadJson(reader, _contract.UnderlyingType, null, values);
        if (body.CheckAdditionalContent)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonSerializationException("Additional text found in JSON string after finishing deserializing object.");
                }
            }
        }

        return value;
    }

    /// <inheritdoc />
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        // Newtonsoft reads an empty string as no object at all.
        if (reader.TokenType == JsonToken.String && reader.Value is "")
        {
            return null;
        }

        if (reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonSerializationException($"Expected an object for {objectType.Name}, found {reader.TokenType} at '{reader.Path}'.");
        }

        object target = _create();
        int next = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonToken.PropertyName:
                    next = ReadProperty(reader, (string)reader.Value!, next, target, serializer);
                    break;
                case JsonToken.EndObject:
                    (target as ILegacySpellings)?.FillFromLegacyNames();
                    return target;
                case JsonToken.Comment:
                    break;
                default:
                    throw new JsonSerializationException($"Unexpected {reader.TokenType} in {objectType.Name} at '{reader.Path}'.");
            }
        }

        throw new JsonSerializationException($"The body ended inside {objectType.Name}.");
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        throw new NotSupportedException("Models are written by the serializer's own contract.");

    private static bool MoveToContent(JsonReader reader)
    {
        while (reader.TokenType is JsonToken.None or JsonToken.Comment)
        {
            if (!reader.Read())
            {
                return false;
            }
        }

        return true;
    }

    // Only what needs no decision per item: a plain property of a primitive type, set without conditions.
    private static bool Plain(JsonProperty property) =>
        property.Ignored || (property.Writable && property.Converter is null && property.ShouldDeserialize is null && property.SetIsSpecified is null
            && property.Required == Required.Default && property.DefaultValueHandling is null or DefaultValueHandling.Include
            && property.PropertyType is { } type && ReadFor(type) is not null);

    private static ValueRead? ReadFor(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => ValueRead.String,
        var t when t == typeof(int) => ValueRead.Int32,
        var t when t == typeof(long) => ValueRead.Int64,
        var t when t == typeof(bool) => ValueRead.Boolean,
        var t when t == typeof(double) => ValueRead.Double,
        _ => null,
    };

    private Slot SlotFor(JsonProperty property, int index)
    {
        var type = property.PropertyType!;
        return new Slot(property, index, ReadFor(type)!.Value, !type.IsValueType || Nullable.GetUnderlyingType(type) is not null, property.NullValueHandling ?? _contract.ItemNullValueHandling);
    }

    /// <returns>The slot expected next: the one after the property read, since answers list them in the contract's order.</returns>
    private int ReadProperty(JsonReader reader, string name, int next, object target, JsonSerializer serializer)
    {
        // A name from the resolver's name table is the contract's own string, so the property the contract lists next
        // is recognised without hashing its name. Otherwise, Newtonsoft's own lookup: the exact spelling first, then
        // one that differs only in case.
        Slot? slot = next < _ordered.Length && ReferenceEquals(name, _ordered[next].Property.PropertyName) ? _ordered[next] : null;
        if (slot is null && !_slots.TryGetValue(name, out slot)
            && (_contract.Properties.GetClosestMatchProperty(name) is not { Ignored: false } property || !_slots.TryGetValue(property.PropertyName!, out slot)))
        {
            reader.Read();
            reader.Skip();
            return next;
        }

        object? value = ReadValue(reader, slot, serializer);
        if (value is not null || (slot.NullValueHandling ?? serializer.NullValueHandling) != NullValueHandling.Ignore)
        {
            slot.Property.ValueProvider!.SetValue(target, value);
        }

        return slot.Index + 1;
    }

    private static object? ReadValue(JsonReader reader, Slot slot, JsonSerializer serializer)
    {
        object? value = slot.Read switch
        {
            ValueRead.String => reader.ReadAsString(),
            // Each of these sets the reader's value, already boxed, to what it returns.
            ValueRead.Int32 => reader.ReadAsInt32() is null ? null : reader.Value,
            ValueRead.Boolean => reader.ReadAsBoolean() is null ? null : reader.Value,
            ValueRead.Double => reader.ReadAsDouble() is null ? null : reader.Value,

            // Newtonsoft has no public ReadAsInt64: an integer that fits is the common case, and anything else (a
            // string, a fraction, a number too large, an object) is converted or refused by the serializer, as before.
            // The reader's own box is passed on: unboxing and boxing again would cost a second one.
            _ => reader.Read() && reader.TokenType == JsonToken.Integer && reader.Value is long ? reader.Value : Unread,
        };

        // A null for a property that cannot hold one is refused by the serializer, with its own message.
        return ReferenceEquals(value, Unread) || (value is null && (!slot.AcceptsNull || reader.TokenType != JsonToken.Null))
            ? serializer.Deserialize(reader, slot.Property.PropertyType)
            : value;
    }

    // What is known of a property before any item is read.
    private sealed record Slot(JsonProperty Property, int Index, ValueRead Read, bool AcceptsNull, NullValueHandling? NullValueHandling);
}
