using Newtonsoft.Json.Serialization;

namespace Agora.Signaling;

/// <summary>
/// The contracts the SDK reads its models with: Newtonsoft's own, except that the items of a list of flat models
/// (every property a string, a number or a boolean: events, history messages) are read by a <see cref="FlatModelReader"/>.
/// Only lists: Newtonsoft hands a converter a serializer proxy of about 250 bytes per read, which a batch shares
/// among its items and a single object would pay alone.
/// </summary>
internal sealed class SignalingContractResolver : DefaultContractResolver
{
    /// <summary>The one instance, so that its contracts are built once per type.</summary>
    public static readonly SignalingContractResolver Instance = new();

    protected override JsonArrayContract CreateArrayContract(Type objectType)
    {
        var contract = base.CreateArrayContract(objectType);
        if (contract.CollectionItemType is { } itemType && ResolveContract(itemType) is JsonObjectContract item)
        {
            contract.ItemConverter ??= FlatModelReader.For(item);
        }

        return contract;
    }
}
