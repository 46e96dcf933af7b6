using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.Serialization;
using System.Xml.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Contract;

/// <summary>Naming, async conventions, documentation, mockability and wire names of the public API.</summary>
public sealed class PublicApiShapeTests
{
    /// <summary>
    /// NSwag writes no documentation for the members of the enums it generates from the spec's string enums, and the
    /// generated file disables CS1591. Exactly these members are excused; the test fails once any of them gets docs,
    /// so the list only ever shrinks.
    /// </summary>
    private static readonly string[] UndocumentedGeneratedEnumMembers =
    {
        "F:Agora.Signaling.HistoryChannelType.Message",
        "F:Agora.Signaling.HistoryChannelType.User",
        "F:Agora.Signaling.HistoryQueryOrder.Asc",
        "F:Agora.Signaling.HistoryQueryOrder.Desc",
        "F:Agora.Signaling.PublishChannelType.Message",
        "F:Agora.Signaling.PublishChannelType.User",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, XElement>> XmlDocs = new(LoadXmlDocs);

    [Fact]
    public void The_public_surface_is_not_empty()
    {
        PublicApi.Types.Should().Contain(new[] { typeof(SignalingClient), typeof(ISignalingClient), typeof(UserEvent), typeof(HistoryChannelType) });
        PublicApi.Types.Should().NotContain(t => t.Name.EndsWith("RestClient", StringComparison.Ordinal), "the generated clients are internal");
    }

    [Fact]
    public void No_public_name_contains_an_underscore()
    {
        var offenders = PublicApi.Types.Where(type => type.Name.Contains('_')).Select(type => type.FullName!)
            .Concat(PublicApi.Types.SelectMany(type => PublicApi.Members(type)
                .Where(member => member is not ConstructorInfo && !member.Name.StartsWith("op_", StringComparison.Ordinal))
                .Where(member => member.Name.Contains('_'))
                .Select(member => $"{type.FullName}.{member.Name}")));

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void Async_methods_end_with_Async_and_take_a_cancellation_token_last()
    {
        var asyncMethods = PublicApi.Methods().Where(method => IsAsync(method.ReturnType)).ToList();

        asyncMethods.Should().Contain(m => m.DeclaringType == typeof(ISignalingClient) && m.Name == nameof(ISignalingClient.GetMessageHistoryPagesAsync));
        var offenders = asyncMethods
            .Where(method => !method.Name.EndsWith("Async", StringComparison.Ordinal)
                || method.GetParameters().LastOrDefault()?.ParameterType != typeof(CancellationToken))
            .Select(method => $"{method.DeclaringType!.FullName}.{method.Name}");

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void The_xml_documentation_file_is_next_to_the_tests()
    {
        File.Exists(XmlDocPath).Should().BeTrue($"{XmlDocPath} must be copied to the test output");
        XmlDocs.Value.Should().ContainKey("T:Agora.Signaling.SignalingClient");
    }

    [Fact]
    public void Every_public_type_and_member_is_documented()
    {
        var missing = PublicApi.Types
            .SelectMany(type => PublicApi.Members(type).Prepend(type))
            .Where(member => !IsImplicitDefaultConstructor(member))
            .Select(XmlDocIds.For)
            .Where(id => !HasDocumentation(id))
            .Except(UndocumentedGeneratedEnumMembers)
            .ToList();

        missing.Should().BeEmpty(string.Join(", ", missing));
    }

    [Fact]
    public void Only_undocumented_members_of_generated_enums_are_excused()
    {
        foreach (string id in UndocumentedGeneratedEnumMembers)
        {
            HasDocumentation(id).Should().BeFalse($"{id} is documented now; remove it from the exemptions");
            string typeName = id[2..id.LastIndexOf('.')];
            var type = PublicApi.Assembly.GetType(typeName);
            type.Should().NotBeNull(id);
            type!.IsEnum.Should().BeTrue(id);
            type.GetCustomAttribute<GeneratedCodeAttribute>().Should().NotBeNull($"{id} must belong to a generated enum");
            type.GetField(id[(id.LastIndexOf('.') + 1)..]).Should().NotBeNull(id);
        }
    }

    [Fact]
    public void The_doc_id_generator_matches_the_compiler_for_every_kind_of_member()
    {
        // Guards the test above: an ID built wrongly would read as "undocumented" and hide nothing, but this proves it matches.
        XmlDocs.Value.Should().ContainKeys(
            XmlDocIds.For(typeof(ISignalingClient).GetMethod(nameof(ISignalingClient.GetMessageHistoryAsync))!),
            XmlDocIds.For(typeof(SignalingClient).GetConstructor(new[] { typeof(SignalingClientOptions), typeof(HttpMessageHandler) })!),
            XmlDocIds.For(typeof(SignalingClient).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!),
            XmlDocIds.For(typeof(UserEventsResponse).GetProperty(nameof(UserEventsResponse.Events))!),
            XmlDocIds.For(typeof(SignalingClientOptions).GetField(nameof(SignalingClientOptions.DefaultEndpoint))!),
            XmlDocIds.For(typeof(MessageDeliveryStatus).GetField(nameof(MessageDeliveryStatus.Delivered))!));
        XmlDocIds.For(typeof(UserEventsResponse).GetProperty(nameof(UserEventsResponse.Events))!)
            .Should().Be("P:Agora.Signaling.UserEventsResponse.Events");
    }

    [Fact]
    public void The_client_implements_its_interface()
    {
        typeof(ISignalingClient).IsInterface.Should().BeTrue();
        typeof(ISignalingClient).IsPublic.Should().BeTrue();
        typeof(SignalingClient).IsSealed.Should().BeFalse("a mock must be able to derive from the client");
        typeof(SignalingClient).GetInterfaces().Should().Contain(typeof(ISignalingClient));
        typeof(ISignalingClient).GetMethods().Should().NotBeEmpty();
    }

    [Fact]
    public void Every_public_instance_method_of_the_client_is_overridable()
    {
        // Dispose() follows the dispose pattern: it stays non-virtual and calls the protected virtual Dispose(bool).
        var methods = typeof(SignalingClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName)
            .Where(method => !(method.Name == nameof(IDisposable.Dispose) && method.GetParameters().Length == 0))
            .ToList();

        methods.Should().NotBeEmpty();
        methods.Where(method => !method.IsVirtual || method.IsFinal).Select(method => method.Name).Should().BeEmpty();

        var disposeCore = typeof(SignalingClient).GetMethod(nameof(IDisposable.Dispose), BindingFlags.NonPublic | BindingFlags.Instance, new[] { typeof(bool) });
        disposeCore.Should().NotBeNull();
        disposeCore!.IsFamily.Should().BeTrue();
        (disposeCore.IsVirtual && !disposeCore.IsFinal).Should().BeTrue();
    }

    [Fact]
    public void The_interface_covers_every_public_operation_of_the_client()
    {
        var map = typeof(SignalingClient).GetInterfaceMap(typeof(ISignalingClient));
        var implemented = map.TargetMethods.ToHashSet();
        var operations = typeof(SignalingClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName && method.Name != nameof(IDisposable.Dispose));

        operations.Where(method => !implemented.Contains(method)).Select(method => method.Name).Should().BeEmpty();
        map.TargetMethods.Where(method => !method.IsSpecialName).Should().OnlyContain(method => method.IsPublic && method.IsVirtual && !method.IsFinal);
    }

    [Theory]
    [InlineData(typeof(UserEvent), nameof(UserEvent.UserId), "user_id")]
    [InlineData(typeof(UserEvent), nameof(UserEvent.Ms), "ms")]
    [InlineData(typeof(ChannelEvent), nameof(ChannelEvent.GroupId), "group_id")]
    [InlineData(typeof(SendMessageResponse), nameof(SendMessageResponse.RequestId), "request_id")]
    [InlineData(typeof(PeerMessageRequest), nameof(PeerMessageRequest.EnableHistoricalMessaging), "enable_historical_messaging")]
    [InlineData(typeof(ChannelMessageRequest), nameof(ChannelMessageRequest.ChannelName), "channel_name")]
    [InlineData(typeof(MessageHistoryResponse), nameof(MessageHistoryResponse.RequestId), "requestId")]
    [InlineData(typeof(MessageHistoryResponse), nameof(MessageHistoryResponse.ErrorCode), "errorCode")]
    [InlineData(typeof(MessageHistoryPage), nameof(MessageHistoryPage.NewStart), "newStart")]
    [InlineData(typeof(MessageHistoryPage), nameof(MessageHistoryPage.MessageList), "messageList")]
    [InlineData(typeof(HistoryMessage), nameof(HistoryMessage.CustomType), "customType")]
    [InlineData(typeof(LegacyHistoryMessage), nameof(LegacyHistoryMessage.MessageType), "message_type")]
    [InlineData(typeof(HistoryQueryFilter), nameof(HistoryQueryFilter.StartTime), "start_time")]
    public void Model_properties_keep_their_wire_names(Type model, string property, string wireName)
    {
        var attribute = model.GetProperty(property)!.GetCustomAttribute<JsonPropertyAttribute>();

        attribute.Should().NotBeNull();
        attribute!.PropertyName.Should().Be(wireName);
    }

    [Fact]
    public void Serialized_models_use_the_wire_names()
    {
        JObject.FromObject(new UserEvent { UserId = "u", Ms = 1 }).Properties().Select(p => p.Name).Should().BeEquivalentTo("user_id", "ms");
        var page = JsonConvert.DeserializeObject<MessageHistoryPage>("""{"newStart":1234567892,"count":0}""")!;
        page.NewStart.Should().Be(1234567892);
    }

    public static TheoryData<string> ObjectSchemas => new(
        OpenApiReading.Spec.Components.Schemas.Where(s => s.Value.Type == "object").Select(s => s.Key).Order(StringComparer.Ordinal));

    public static TheoryData<string> EnumSchemas => new(
        OpenApiReading.Spec.Components.Schemas.Where(s => s.Value.Enum.Count > 0).Select(s => s.Key).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ObjectSchemas))]
    public void Every_schema_property_maps_to_one_model_property(string schemaName)
    {
        var schema = OpenApiReading.Spec.Components.Schemas[schemaName];
        var model = PublicApi.Assembly.GetType($"Agora.Signaling.{schemaName}");
        model.Should().NotBeNull($"schema {schemaName} must have a model");

        // Request bodies and the error envelope are wire format only, and are marked so in the spec.
        bool wireOnly = schema.Extensions.ContainsKey("x-signaling-internal");
        model!.IsPublic.Should().Be(!wireOnly, $"schema {schemaName} is {(wireOnly ? "marked internal" : "part of the public API")}");

        var properties = model.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var wire = properties
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<JsonPropertyAttribute>()))
            .Where(p => p.Attribute is not null)
            .ToList();

        wire.Select(p => p.Attribute!.PropertyName).Should().BeEquivalentTo(schema.Properties.Keys, "the model must mirror the schema exactly");
        foreach (var (property, attribute) in wire)
        {
            bool required = schema.Required.Contains(attribute!.PropertyName!);
            (attribute.Required == Required.Always).Should().Be(required, $"{schemaName}.{attribute.PropertyName} required in the spec: {required}");
        }

        properties.Where(p => p.GetCustomAttribute<JsonPropertyAttribute>() is null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => p.Name)
            .Should().BeEmpty("a property without a wire name must be [JsonIgnore]d so it never reaches the wire");
    }

    [Theory]
    [MemberData(nameof(EnumSchemas))]
    public void Every_enum_schema_maps_to_an_enum_with_the_wire_values(string schemaName)
    {
        var values = OpenApiReading.Spec.Components.Schemas[schemaName].Enum
            .Cast<Microsoft.OpenApi.Any.OpenApiString>().Select(value => value.Value);
        var model = PublicApi.Assembly.GetType($"Agora.Signaling.{schemaName}");
        model.Should().NotBeNull();
        model!.IsEnum.Should().BeTrue();

        model.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetCustomAttribute<EnumMemberAttribute>()?.Value)
            .Should().BeEquivalentTo(values);
    }

    /// <summary>
    /// The constructor the compiler supplies to a class that declares none: it has no source, so the compiler writes no
    /// documentation entry for it (and raises no CS1591). Recognised as a class's only instance constructor, parameterless.
    /// </summary>
    private static bool IsImplicitDefaultConstructor(MemberInfo member) =>
        member is ConstructorInfo { IsStatic: false } constructor
        && constructor.GetParameters().Length == 0
        && constructor.DeclaringType!.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Length == 1;

    private static string XmlDocPath => Path.Combine(AppContext.BaseDirectory, "Agora.Signaling.xml");

    private static bool HasDocumentation(string id) =>
        XmlDocs.Value.TryGetValue(id, out var member)
        && (member.Elements("inheritdoc").Any() || !string.IsNullOrWhiteSpace(member.Value));

    private static bool IsAsync(Type type)
    {
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>);
    }

    private static IReadOnlyDictionary<string, XElement> LoadXmlDocs() =>
        XDocument.Load(XmlDocPath).Descendants("member").ToDictionary(member => (string)member.Attribute("name")!);
}
