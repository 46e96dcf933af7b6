using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Agora.Signaling;

/// <summary>
/// Reads the 2020 spellings (<c>ts</c>, <c>channel_id</c>) into the current properties as each one is set, in place
/// of the models' <c>[OnDeserialized]</c> callbacks: Newtonsoft invokes a callback by reflection, with an argument
/// array and a boxed <see cref="System.Runtime.Serialization.StreamingContext"/> (about 55 bytes per event of a
/// batch). The callbacks stay on the models for callers who deserialize them with Newtonsoft's own resolver.
/// </summary>
internal sealed class LegacySpellingResolver : DefaultContractResolver
{
    /// <summary>The one instance, so that its contracts are built once per type.</summary>
    public static readonly LegacySpellingResolver Instance = new();

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
#pragma warning disable CS0612 // The 2020 spellings are filled in here, so callers never need them.
        if (objectType == typeof(UserEvent))
        {
            Fill<UserEvent, long>(contract, "ts", static (item, ms) => item.Ms ??= ms);
        }
        else if (objectType == typeof(ChannelEvent))
        {
            Fill<ChannelEvent, long>(contract, "ts", static (item, ms) => item.Ms ??= ms);
            Fill<ChannelEvent, string>(contract, "channel_id", static (item, groupId) => item.GroupId ??= groupId);
        }
        else if (objectType == typeof(LegacyHistoryMessage))
        {
            Fill<LegacyHistoryMessage, long>(contract, "ts", static (item, ms) => item.Ms ??= ms);
        }
#pragma warning restore CS0612

        return contract;
    }

    // The current spelling, when present, is set after or before the old one; either way it wins, as the callback made it.
    private static void Fill<T, TValue>(JsonObjectContract contract, string legacyName, Action<T, TValue> fill)
    {
        var property = contract.Properties.GetClosestMatchProperty(legacyName)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no '{legacyName}' property to read the 2020 spelling from.");
        property.ValueProvider = new FillingValueProvider<T, TValue>(property.ValueProvider!, fill);

        // The model's only callback is the one this replaces.
        contract.OnDeserializedCallbacks.Clear();
    }

    private sealed class FillingValueProvider<T, TValue>(IValueProvider inner, Action<T, TValue> fill) : IValueProvider
    {
        public void SetValue(object target, object? value)
        {
            inner.SetValue(target, value);
            if (value is TValue current)
            {
                fill((T)target, current);
            }
        }

        public object? GetValue(object target) => inner.GetValue(target);
    }
}
