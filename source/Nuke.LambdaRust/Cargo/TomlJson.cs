using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tomlyn.Model;

namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// Turns a parsed TOML table into the JSON shape <c>cargo metadata</c> uses for metadata tables, so that CargoLambda.toml
/// and Cargo.toml metadata go through the same reader.
/// </summary>
internal static class TomlJson
{
    public static JsonElement ToJsonElement(TomlTable table) => JsonSerializer.SerializeToElement<JsonNode>(ToNode(table));

    private static JsonNode ToNode(TomlTable table)
    {
        var json = new JsonObject();
        foreach (var (key, value) in table)
            json[key] = ToNode(value);
        return json;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        TomlTable table => ToNode(table),
        TomlTableArray tables => new JsonArray(tables.Select(t => (JsonNode?)ToNode(t)).ToArray()),
        TomlArray array => new JsonArray(array.Select(ToNode).ToArray()),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        // JSON has no NaN or infinity; those keep their TOML spelling as text.
        double number when double.IsFinite(number) => JsonValue.Create(number),
        double number => JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)),
        // Dates and times: cargo-lambda has no such keys, so their text is enough.
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
