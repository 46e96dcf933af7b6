using System.Text.RegularExpressions;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;

namespace Agora.Signaling.Tests.Contract;

/// <summary>The schemas carry the limits of the fact sheet (§2.4, §4, §5, §7, §11).</summary>
public sealed partial class SpecValidityTests
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    /// <summary>§2.4: the 27 symbols allowed in messaging IDs.</summary>
    private const string MessagingSymbols = "!#$%&()+-:;<=.>?@[]^_{}|~,'";

    /// <summary>§7.1: the history API lists the same symbols without <c>,</c> and <c>'</c>.</summary>
    private const string HistorySymbols = "!#$%&()+-:;<=.>?@[]^_{}|~";

    public static TheoryData<string> IdSchemas => new() { "MessagingId", "MessagingPathId", "HistoryPathId" };

    public static TheoryData<string> PathIdSchemas => new() { "MessagingPathId", "HistoryPathId" };

    /// <summary>Characters outside every documented set, by a readable name.</summary>
    public static TheoryData<string, string> ForbiddenCharacters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string schema in new[] { "MessagingId", "MessagingPathId", "HistoryPathId" })
            {
                foreach (string name in ForbiddenByName.Keys)
                {
                    data.Add(schema, name);
                }
            }

            return data;
        }
    }

    private static readonly Dictionary<string, string> ForbiddenByName = new()
    {
        ["slash"] = "/",
        ["asterisk"] = "*",
        ["double quote"] = "\"",
        ["backslash"] = "\\",
        ["backtick"] = "`",
        ["CR"] = "\r",
        ["LF"] = "\n",
        ["CRLF"] = "\r\n",
        ["tab"] = "\t",
        ["NUL"] = "\0",
        ["DEL"] = "\u007f",
        ["no-break space"] = "\u00a0",
        ["e acute"] = "\u00e9",
        ["CJK"] = "\u4e2d",
        ["fullwidth A"] = "\uff21",
        ["Arabic-Indic digit"] = "\u0663",
        ["emoji"] = "\U0001F600",
    };

    [Theory]
    [MemberData(nameof(IdSchemas))]
    public void Ids_are_1_to_64_characters(string schemaName)
    {
        var schema = Schema(schemaName);

        schema.Type.Should().Be("string");
        schema.MinLength.Should().Be(1);
        schema.MaxLength.Should().Be(64);
        Accepts(schema, "a").Should().BeTrue();
        Accepts(schema, new string('a', 64)).Should().BeTrue();
        Accepts(schema, string.Empty).Should().BeFalse();
        Accepts(schema, new string('a', 65)).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(IdSchemas))]
    public void Id_patterns_accept_every_documented_character_anywhere(string schemaName)
    {
        var schema = Schema(schemaName);
        bool path = schemaName.EndsWith("PathId", StringComparison.Ordinal);
        string allowed = Letters + Digits + (schemaName.StartsWith("History", StringComparison.Ordinal) ? HistorySymbols : MessagingSymbols);

        var refused = new List<string>();
        foreach (char c in allowed)
        {
            foreach (string candidate in new[] { $"{c}", $"a{c}b", $"{c}ab", $"ab{c}", new string(c, 64) })
            {
                if (!Accepts(schema, candidate))
                {
                    refused.Add(candidate);
                }
            }
        }

        // A space is documented but discouraged; inside a path segment it may not be the first or last character.
        foreach (string candidate in path ? new[] { "a b", "a" + new string(' ', 62) + "a" } : new[] { "a b", " a " })
        {
            if (!Accepts(schema, candidate))
            {
                refused.Add(candidate);
            }
        }

        refused.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(IdSchemas))]
    public void Id_patterns_accept_no_other_ascii_character(string schemaName)
    {
        var schema = Schema(schemaName);
        string allowed = " " + Letters + Digits + (schemaName.StartsWith("History", StringComparison.Ordinal) ? HistorySymbols : MessagingSymbols);

        var wronglyAccepted = Enumerable.Range(0, 128)
            .Select(code => (char)code)
            .Where(c => !allowed.Contains(c) && Accepts(schema, $"a{c}b"))
            .Select(c => $"U+{(int)c:X4}")
            .ToList();

        wronglyAccepted.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(ForbiddenCharacters))]
    public void Id_patterns_reject_undocumented_characters_at_any_position(string schemaName, string characterName)
    {
        var schema = Schema(schemaName);
        string c = ForbiddenByName[characterName];

        Accepts(schema, $"a{c}b").Should().BeFalse("in the middle");
        Accepts(schema, $"{c}ab").Should().BeFalse("at the start");
        Accepts(schema, $"ab{c}").Should().BeFalse("at the end");
        Accepts(schema, c).Should().BeFalse("alone");
    }

    [Theory]
    [InlineData(",")]
    [InlineData("'")]
    public void History_ids_reject_the_two_symbols_only_messaging_allows(string symbol)
    {
        Accepts(Schema("MessagingPathId"), $"a{symbol}b").Should().BeTrue();
        Accepts(Schema("HistoryPathId"), $"a{symbol}b").Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(PathIdSchemas))]
    public void Path_ids_reject_a_leading_or_trailing_space(string schemaName)
    {
        var schema = Schema(schemaName);

        Accepts(schema, " a").Should().BeFalse();
        Accepts(schema, "a ").Should().BeFalse();
        Accepts(schema, " a ").Should().BeFalse();
        Accepts(schema, " ").Should().BeFalse();
        Accepts(schema, "a b").Should().BeTrue();
    }

    [Theory]
    [InlineData("PeerMessageRequest", "destination", "MessagingId")]
    [InlineData("ChannelMessageRequest", "channel_name", "MessagingId")]
    [InlineData("HistoryQueryFilter", "source", "MessagingId")]
    [InlineData("HistoryQueryFilter", "destination", "MessagingId")]
    [InlineData("PeerMessageRequest", "payload", "MessagePayload")]
    [InlineData("ChannelMessageRequest", "payload", "MessagePayload")]
    public void Body_fields_use_the_constrained_schema(string schemaName, string property, string expected)
    {
        ReferencedId(Schema(schemaName).Properties[property]).Should().Be(expected);
    }

    [Theory]
    [InlineData("SendPeerMessage", "user_id", "MessagingPathId")]
    [InlineData("SendChannelMessage", "user_id", "MessagingPathId")]
    [InlineData("GetMessageHistory", "userId", "HistoryPathId")]
    [InlineData("GetMessageHistory", "channelName", "HistoryPathId")]
    [InlineData("GetMessageHistory", "channelType", "HistoryChannelType")]
    [InlineData("GetHistoryCount", "source", "MessagingId")]
    [InlineData("GetHistoryCount", "destination", "MessagingId")]
    public void Parameters_use_the_constrained_schema(string operationId, string parameter, string expected)
    {
        var match = Operation(operationId).Parameters.Single(p => p.Name == parameter);

        ReferencedId(match.Schema).Should().Be(expected);
    }

    [Theory]
    [InlineData("PeerMessageRequest", new[] { "destination", "payload" })]
    [InlineData("ChannelMessageRequest", new[] { "channel_name", "payload" })]
    public void Message_bodies_require_their_target_and_payload(string schemaName, string[] required)
    {
        var schema = Schema(schemaName);

        schema.Required.Should().BeEquivalentTo(required);
        schema.AdditionalPropertiesAllowed.Should().BeFalse();
    }

    [Fact]
    public void The_payload_is_1_to_32768_characters()
    {
        var payload = Schema("MessagePayload");

        payload.Type.Should().Be("string");
        payload.MinLength.Should().Be(1);
        payload.MaxLength.Should().Be(32768);
    }

    [Fact]
    public void Message_count_is_an_integer_from_1_to_100()
    {
        var schema = Operation("GetMessageHistory").Parameters.Single(p => p.Name == "messageCount").Schema;

        schema.Type.Should().Be("integer");
        schema.Minimum.Should().Be(1);
        schema.ExclusiveMinimum.Should().NotBe(true);
        schema.Maximum.Should().Be(100);
        schema.ExclusiveMaximum.Should().NotBe(true);
        ((OpenApiInteger)schema.Default).Value.Should().Be(100);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    public void History_time_bounds_are_non_negative_int64(string parameter)
    {
        var schema = Operation("GetMessageHistory").Parameters.Single(p => p.Name == parameter).Schema;

        schema.Type.Should().Be("integer");
        schema.Format.Should().Be("int64");
        schema.Minimum.Should().Be(0);
    }

    [Theory]
    [InlineData("UserEvent", "ms")]
    [InlineData("UserEvent", "ts")]
    [InlineData("ChannelEvent", "ms")]
    [InlineData("ChannelEvent", "ts")]
    [InlineData("MessageHistoryResponse", "timestamp")]
    [InlineData("MessageHistoryPage", "newStart")]
    [InlineData("HistoryMessage", "timestamp")]
    [InlineData("LegacyHistoryMessage", "ms")]
    [InlineData("LegacyHistoryMessage", "ts")]
    public void Timestamps_are_int64(string schemaName, string property)
    {
        var schema = Schema(schemaName).Properties[property];

        schema.Type.Should().Be("integer");
        schema.Format.Should().Be("int64");
    }

    [Fact]
    public void The_history_channel_type_is_message_or_user()
    {
        Schema("HistoryChannelType").Enum.Cast<OpenApiString>().Select(value => value.Value).Should().Equal("message", "user");
    }

    [Fact]
    public void History_data_is_nullable()
    {
        // OpenAPI 3.0 tools refuse nullable beside allOf without a type, so the page schema itself is the nullable one.
        var data = Schema("MessageHistoryResponse").Properties["data"];
        data.AllOf.Should().ContainSingle().Which.Reference.Id.Should().Be("MessageHistoryPage");
        Schema("MessageHistoryPage").Nullable.Should().BeTrue();
    }

    [Fact]
    public void The_send_result_is_optional_because_an_offline_answer_omits_it()
    {
        Schema("SendMessageResponse").Required.Should().BeEmpty();
    }

    private static OpenApiSchema Schema(string name) => Spec.Components.Schemas[name];

    /// <summary>The component a schema stands for: a direct <c>$ref</c>, or a lone <c>allOf</c> entry used to add a description.</summary>
    private static string? ReferencedId(OpenApiSchema schema) =>
        schema.Reference?.Id ?? (schema.AllOf.Count == 1 ? schema.AllOf[0].Reference?.Id : null);

    /// <summary>
    /// Whether a JSON Schema validator accepts a string: length within minLength/maxLength and the pattern matching as
    /// ECMA-262 defines it, where <c>$</c> is the end of the input. .NET's <c>$</c> also matches before a final line feed,
    /// so the match is required to span the whole value.
    /// </summary>
    private static bool Accepts(OpenApiSchema schema, string value)
    {
        int length = value.EnumerateRunes().Count();
        if (length < (schema.MinLength ?? 0) || length > (schema.MaxLength ?? int.MaxValue))
        {
            return false;
        }

        if (schema.Pattern is null)
        {
            return true;
        }

        var match = new Regex(schema.Pattern, RegexOptions.ECMAScript).Match(value);
        return match.Success && match.Index == 0 && match.Length == value.Length;
    }
}
