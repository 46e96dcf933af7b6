using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling;

/// <summary>
/// Reads a model whose properties are strings, numbers, booleans, models read the same way, and lists of them (an
/// event, a batch of events, a history page, a send answer) straight off the reader, for the items of a batch and for a
/// whole body. Newtonsoft's general object reader spent about a quarter of a 100-message history page's time deciding,
/// for every property of every item, what this contract settles once, and handed each batch a serializer proxy of
/// about 350 bytes. Each value is read with the reader call Newtonsoft itself would make for its type and set through
/// the contract's value provider; a model or a list met again fills the one already read, as Newtonsoft's reuse of an
/// existing value does; a value of any other shape goes to the serializer, which converts it or refuses it exactly as
/// it would have. A model's only callback may be the 2020 spellings' (<see cref="ILegacySpellings"/>), which is called
/// without reflection.
/// </summary>
internal sealed class FlatModelReader : JsonConverter
{
    // The value of a token the fast path does not take; the serializer reads it instead.
    private static readonly object Unread = new();

    private readonly JsonObjectContract _contract;
    private readonly Func<object> _create;
    private readonly Dictionary<string, Slot> _slots;
    private readonly Slot[] _ordered;

    private FlatModelReader(JsonObjectContract contract, Func<object> create, Slot[] ordered)
    {
        _contract = contract;
        _create = create;
        _ordered = ordered;
        _slots = _ordered.ToDictionary(slot => slot.Property.PropertyName!, StringComparer.Ordinal);
    }

    private enum ValueRead
    {
        String,
        Int32,
        Int64,
        Boolean,
        Double,

        // A model with a reader of its own.
        Model,

        // A list of such models.
        List,
    }

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <summary>Gets a reader for a contract when every part of it is one this reader handles as Newtonsoft would; otherwise <see langword="null"/>.</summary>
    /// <param name="contract">The model's contract.</param>
    /// <param name="resolver">Where the contracts and readers of the models and lists it holds come from.</param>
    public static FlatModelReader? For(JsonObjectContract contract, SignalingContractResolver resolver)
    {
        bool plain = contract.DefaultCreator is not null && !contract.DefaultCreatorNonPublic
            && contract.CreatorParameters.Count == 0 && contract.OverrideCreator is null
            && contract.ExtensionDataSetter is null && contract.ItemRequired is null && contract.MissingMemberHandling is null
            && contract.OnDeserializingCallbacks.Count == 0 && contract.OnErrorCallbacks.Count == 0
            && (contract.OnDeserializedCallbacks.Count == 0 || (contract.OnDeserializedCallbacks.Count == 1 && contract.UnderlyingType.IsAssignableTo(typeof(ILegacySpellings))))
            && contract.IsReference is null or false;
        if (!plain)
        {
            return null;
        }

        var slots = new List<Slot>();
        foreach (var property in contract.Properties.Where(p => !p.Ignored))
        {
            if (SlotFor(property, slots.Count, contract, resolver) is not { } slot)
            {
                return null;
            }

            slots.Add(slot);
        }

        return new FlatModelReader(contract, contract.DefaultCreator!, [.. slots]);
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

        object target = existingValue ?? _create();
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

    // Only what needs no decision per item: a plain property of a primitive type, a flat model or a list of them, set
    // without conditions; otherwise null.
    private static Slot? SlotFor(JsonProperty property, int index, JsonObjectContract contract, SignalingContractResolver resolver)
    {
        bool plain = property.Writable && property.Converter is null && property.ShouldDeserialize is null && property.SetIsSpecified is null
            && property.Required == Required.Default && property.DefaultValueHandling is null or DefaultValueHandling.Include
            && property.PropertyType is not null;
        if (!plain)
        {
            return null;
        }

        var type = property.PropertyType!;
        var nullHandling = property.NullValueHandling ?? contract.ItemNullValueHandling;
        if (ReadFor(type) is { } read)
        {
            return new Slot(property, index, read, !type.IsValueType || Nullable.GetUnderlyingType(type) is not null, nullHandling, null, null);
        }

        // A model or a list is filled again when its name comes twice, so its reader must be able to read it back.
        bool holder = property.Readable && property.IsReference is null && property.TypeNameHandling is null
            && property.ItemConverter is null && property.ItemIsReference is null && property.ItemTypeNameHandling is null && !type.IsValueType;
        if (!holder)
        {
            return null;
        }

        var held = resolver.ResolveContract(type);
        if (held is JsonObjectContract && resolver.FlatReaderFor(type) is { } model)
        {
            return new Slot(property, index, ValueRead.Model, true, nullHandling, model, null);
        }

        // A list Newtonsoft would create as a List<T> and fill item by item through the item's flat reader.
        if (held is JsonArrayContract { ItemConverter: FlatModelReader items, IsMultidimensionalArray: false, Converter: null, IsReference: null or false, ItemIsReference: null, ItemTypeNameHandling: null, DefaultCreator: { } create } array
            && array.OnDeserializingCallbacks.Count == 0 && array.OnDeserializedCallbacks.Count == 0 && array.OnErrorCallbacks.Count == 0
            && array.CreatedType is { IsGenericType: true } created && created.GetGenericTypeDefinition() == typeof(List<>) && type.IsAssignableFrom(created))
        {
            return new Slot(property, index, ValueRead.List, true, nullHandling, items, create);
        }

        return null;
    }

    private static ValueRead? ReadFor(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => ValueRead.String,
        var t when t == typeof(int) => ValueRead.Int32,
        var t when t == typeof(long) => ValueRead.Int64,
        var t when t == typeof(bool) => ValueRead.Boolean,
        var t when t == typeof(double) => ValueRead.Double,
        _ => null,
    };

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

        object? value = ReadValue(reader, slot, target, serializer);
        if (value is not null || (slot.NullValueHandling ?? serializer.NullValueHandling) != NullValueHandling.Ignore)
        {
            slot.Property.ValueProvider!.SetValue(target, value);
        }

        return slot.Index + 1;
    }

    private static object? ReadValue(JsonReader reader, Slot slot, object target, JsonSerializer serializer)
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
            ValueRead.Int64 => reader.Read() && reader.TokenType == JsonToken.Integer && reader.Value is long ? reader.Value : Unread,

            // Anything but an object or an array (null, "", a number) is the serializer's to read or refuse.
            ValueRead.Model => reader.Read() && reader.TokenType == JsonToken.StartObject
                ? slot.Reader!.ReadJson(reader, slot.Property.PropertyType!, Existing(slot, target, serializer), serializer)
                : Unread,
            _ => reader.Read() && reader.TokenType == JsonToken.StartArray ? ReadList(reader, slot, target, serializer) : Unread,
        };

        // A null for a property that cannot hold one is refused by the serializer, with its own message.
        return ReferenceEquals(value, Unread) || (value is null && (!slot.AcceptsNull || reader.TokenType != JsonToken.Null))
            ? serializer.Deserialize(reader, slot.Property.PropertyType)
            : value;
    }

    // Newtonsoft fills a model or a list the target already holds (its name came twice) unless told to replace it.
    private static object? Existing(Slot slot, object target, JsonSerializer serializer) =>
        (slot.Property.ObjectCreationHandling ?? serializer.ObjectCreationHandling) == ObjectCreationHandling.Replace ? null : slot.Property.ValueProvider!.GetValue(target);

    private static System.Collections.IList ReadList(JsonReader reader, Slot slot, object target, JsonSerializer serializer)
    {
        var list = Existing(slot, target, serializer) is System.Collections.IList { IsReadOnly: false, IsFixedSize: false } existing
            ? existing
            : (System.Collections.IList)slot.CreateList!();
        var item = slot.Reader!;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonToken.EndArray:
                    return list;
                case JsonToken.Comment:
                    break;
                default:
                    list.Add(item.ReadJson(reader, item._contract.UnderlyingType, null, serializer));
                    break;
            }
        }

        throw new JsonSerializationException($"The body ended inside {slot.Property.PropertyName}.");
    }

    // What is known of a property before any item is read: how to read it; for a model, its reader; for a list, its
    // items' reader and how Newtonsoft would create it.
    private sealed record Slot(JsonProperty Property, int Index, ValueRead Read, bool AcceptsNull, NullValueHandling? NullValueHandling, FlatModelReader? Reader, Func<object>? CreateList);
}
