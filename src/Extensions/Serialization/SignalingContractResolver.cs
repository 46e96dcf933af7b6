using Newtonsoft.Json.Serialization;

namespace Agora.Signaling;

/// <summary>
/// The contracts the SDK reads its models with: Newtonsoft's own, except that a flat model (every property a string,
/// a number or a boolean: the items of a batch) is read by a <see cref="FlatModelReader"/>.
/// </summary>
internal sealed class SignalingContractResolver : DefaultContractResolver
{
    /// <summary>The one instance, so that its contracts are built once per type.</summary>
    public static readonly SignalingContractResolver Instance = new();

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        contract.Converter ??= FlatModelReader.For(contract);
        return contract;
    }
}
