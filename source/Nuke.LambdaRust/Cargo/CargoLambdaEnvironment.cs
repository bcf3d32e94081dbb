using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// cargo-lambda's <c>CARGO_LAMBDA_*</c> variables. Config keys are spelled with dots, as cargo-lambda's config library
/// reads them (<c>CARGO_LAMBDA_BUILD.RELEASE=true</c>, <c>CARGO_LAMBDA_BUILD.INCLUDE="[config, README.md]"</c>, or one
/// table <c>CARGO_LAMBDA_BUILD="{release=true, arm64=true}"</c>): the lowest layer of the config. A few variables are
/// command-line options instead and beat every config file: <c>CARGO_LAMBDA_COMPILER</c>, and
/// <c>CARGO_LAMBDA_COMPILER_SUBCOMMAND</c> / <c>CARGO_LAMBDA_COMPILER_EXTRA_ARGS</c> (space separated).
/// </summary>
internal sealed class CargoLambdaEnvironment
{
    private const string Prefix = "CARGO_LAMBDA_";

    private CargoLambdaEnvironment(JsonElement? build, IReadOnlyList<string> names, IReadOnlyDictionary<string, string> variables)
    {
        Build = build;
        BuildVariableNames = names;
        Variables = variables;
    }

    /// <summary>The <c>build</c> table the variables make, or null when none sets a build key.</summary>
    public JsonElement? Build { get; }

    /// <summary>The variables that made <see cref="Build"/>, for messages.</summary>
    public IReadOnlyList<string> BuildVariableNames { get; }

    private IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary><c>CARGO_LAMBDA_COMPILER</c>, with our strict parsing (cargo-lambda silently takes a typo as zig).</summary>
    public LambdaCompiler? Compiler => Value("COMPILER") is { } name ? LambdaCompilers.Parse(name, "environment variable CARGO_LAMBDA_COMPILER") : null;

    /// <summary><c>CARGO_LAMBDA_COMPILER_SUBCOMMAND</c>, split on spaces.</summary>
    public IReadOnlyList<string>? CompilerSubcommand => Words("COMPILER_SUBCOMMAND");

    /// <summary><c>CARGO_LAMBDA_COMPILER_EXTRA_ARGS</c>, split on spaces.</summary>
    public IReadOnlyList<string>? CompilerExtraArgs => Words("COMPILER_EXTRA_ARGS");

    /// <summary><c>CARGO_LAMBDA_CONTEXT</c>.</summary>
    public string? Context => Value("CONTEXT");

    /// <summary><c>CARGO_LAMBDA_GLOBAL</c>.</summary>
    public string? GlobalFile => Value("GLOBAL");

    /// <summary><c>CARGO_LAMBDA_ADMERGE</c> set to anything but <c>false</c>/<c>0</c>.</summary>
    public bool Admerge => Value("ADMERGE") is { } text && text.Trim().ToLowerInvariant() is not ("false" or "0" or "");

    public static CargoLambdaEnvironment Read(IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var build = new JsonObject();
        var names = new List<string>();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                continue;
            var rest = name[Prefix.Length..];
            variables[rest.ToUpperInvariant()] = value;
            var path = rest.ToLowerInvariant().Split('.');
            if (path[0] != "build" || path.Any(segment => segment.Length == 0))
                continue;
            names.Add(name);
            var parsed = ParseValue(value);
            if (path.Length == 1)
            {
                if (parsed is JsonObject table)
                {
                    foreach (var (key, item) in table.ToList())
                    {
                        table.Remove(key);
                        build[key] = item;
                    }
                }

                continue;
            }

            var node = build;
            foreach (var segment in path[1..^1])
            {
                if (node[segment] is not JsonObject child)
                    node[segment] = child = new JsonObject();
                node = child;
            }

            node[path[^1]] = parsed;
        }

        return new CargoLambdaEnvironment(
            build.Count == 0 ? null : JsonSerializer.SerializeToElement<JsonNode>(build), names, variables);
    }

    private string? Value(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private IReadOnlyList<string>? Words(string name) =>
        Value(name)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// A value as cargo-lambda's config library reads one from the environment: <c>true</c>/<c>false</c>, a number,
    /// <c>[a, b]</c> (items unquoted or quoted), <c>{k=v, ...}</c>, a quoted string, else the text itself.
    /// </summary>
    internal static JsonNode? ParseValue(string text)
    {
        var value = text.Trim();
        if (value is "true" or "false")
            return JsonValue.Create(value == "true");
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return JsonValue.Create(whole);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) && value.Any(char.IsDigit))
            return JsonValue.Create(real);
        if (value.Length >= 2 && value[0] == '[' && value[^1] == ']')
            return new JsonArray(SplitTopLevel(value[1..^1]).Select(ParseValue).ToArray());
        if (value.Length >= 2 && value[0] == '{' && value[^1] == '}')
        {
            var table = new JsonObject();
            foreach (var pair in SplitTopLevel(value[1..^1]))
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0)
                    return JsonValue.Create(text);
                table[pair[..equals].Trim().Trim('"')] = ParseValue(pair[(equals + 1)..]);
            }

            return table;
        }

        if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            return JsonValue.Create(value[1..^1]);
        return JsonValue.Create(text);
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        char? quote = null;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    if (text[start..i].Trim().Length > 0)
                        yield return text[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        if (text[start..].Trim().Length > 0)
            yield return text[start..].Trim();
    }
}
