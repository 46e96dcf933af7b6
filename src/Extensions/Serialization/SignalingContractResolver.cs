using System.Collections.Concurrent;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling;

/// <summary>
/// The contracts the SDK reads and writes its models with: Newtonsoft's own, and for flat models (every property a
/// string, a number or a boolean: events, history messages, message requests, send answers) a
/// <see cref="FlatModelReader"/> and a <see cref="FlatModelWriter"/>, and a reader too for the models that hold such
/// models and lists of them (batches of events, history pages). The items of a list Newtonsoft reads itself go through
/// the list contract's item converter; a whole body is read or written by <see cref="RestResponseReader"/> and
/// <see cref="Utf8BodyWriter"/> calling them directly, because Newtonsoft hands a converter a serializer proxy of about
/// 350 bytes per read.
/// </summary>
internal sealed class SignalingContractResolver : DefaultContractResolver
{
    /// <summary>The one instance, so that its contracts are built once per type.</summary>
    public static readonly SignalingContractResolver Instance = new();

    private readonly ConcurrentDictionary<Type, FlatModelReader?> _readers = new();
    private readonly ConcurrentDictionary<Type, FlatModelWriter?> _writers = new();
    private readonly DefaultJsonNameTable _names = new();

    [ThreadStatic]
    private static HashSet<Type>? t_building;

    /// <summary>
    /// Gets the property names of every contract built so far, for a reader's <see cref="JsonTextReader.PropertyNameTable"/>:
    /// a name found there is not allocated again. Newtonsoft gives its own table to the readers it sets up, but a body
    /// read by a <see cref="FlatModelReader"/> directly never passes through that setup.
    /// </summary>
    public JsonNameTable PropertyNames => _names;

    /// <summary>Gets the reader of a flat model type, or <see langword="null"/> when the type is not one.</summary>
    public FlatModelReader? FlatReaderFor(Type type)
    {
        if (_readers.TryGetValue(type, out var reader))
        {
            return reader;
        }

        // A model that holds itself, however deep, is left to Newtonsoft rather than built for ever.
        var building = t_building ??= [];
        if (!building.Add(type))
        {
            return null;
        }

        try
        {
            return _readers.GetOrAdd(type, static (t, resolver) => resolver.ResolveContract(t) is JsonObjectContract contract ? FlatModelReader.For(contract, resolver) : null, this);
        }
        finally
        {
            building.Remove(type);
        }
    }

    /// <summary>Gets the writer of a flat model type, or <see langword="null"/> when the type is not one.</summary>
    public FlatModelWriter? FlatWriterFor(Type type) =>
        _writers.GetOrAdd(type, static (t, resolver) => resolver.ResolveContract(t) is JsonObjectContract contract ? FlatModelWriter.For(contract) : null, this);

    protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
    {
        var properties = base.CreateProperties(type, memberSerialization);

        // Readers look names up without a lock while contracts are still being built, as Newtonsoft's own table allows.
        lock (_names)
        {
            foreach (var property in properties)
            {
                if (property.PropertyName is { } name)
                {
                    property.PropertyName = _names.Add(name);
                }
            }
        }

        return properties;
    }

    protected override JsonArrayContract CreateArrayContract(Type objectType)
    {
        var contract = base.CreateArrayContract(objectType);
        if (contract.CollectionItemType is { } itemType)
        {
            contract.ItemConverter ??= FlatReaderFor(itemType);
        }

        return contract;
    }
}
