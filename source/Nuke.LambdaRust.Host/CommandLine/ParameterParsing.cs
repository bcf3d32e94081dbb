using System.Globalization;
using System.Text.Json;

namespace Nuke.LambdaRust.Host;

/// <summary>Turns text, JSON and default values into a parameter's typed value, with errors that name where the value came from.</summary>
internal static class ParameterParsing
{

    /// <summary>Values typed on the command line or split from an environment variable.</summary>
    public static object? FromTexts(ParameterDefinition parameter, IReadOnlyList<string> texts, string origin)
    {
        if (parameter.IsList)
        {
            if (texts.Count == 0)
                throw Error($"{origin} needs at least one value.", $"Give the values separated by spaces, e.g. {Example(parameter, list: true)}.");
            return texts.Select(t => FromText(parameter, t, origin)).ToList();
        }

        if (texts.Count == 0)
        {
            if (parameter.Type == ParameterType.Boolean)
                return true;
            throw Error($"{origin} needs a value.", $"Give one, e.g. {Example(parameter, list: false)}.");
        }

        if (texts.Count > 1)
        {
            var shown = parameter.IsSecret ? $"{texts.Count} values" : string.Join(" ", texts.Select(t => $"'{t}'"));
            throw Error($"{origin} takes a single value but got {shown}.",
                $"Give one value, e.g. {Example(parameter, list: false)}; quote a value that contains spaces.");
        }

        return FromText(parameter, texts[0], origin);
    }

    /// <summary>One value from text: a string (the allowed value's own spelling for a choice), a bool or an int.</summary>
    public static object FromText(ParameterDefinition parameter, string text, string origin)
    {
        switch (parameter.Type)
        {
            case ParameterType.Boolean:
                // Only true and false, as NUKE takes them, wherever the value comes from: "yes" in parameters.json
                // must not mean more than it does on the command line.
                var word = text.Trim().ToLowerInvariant();
                return word switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw Invalid(parameter, text, origin, "Use true or false."),
                };

            case ParameterType.Integer:
                if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                    return number;
                throw Invalid(parameter, text, origin, "Use a whole number, e.g. 4.");

            default:
                if (parameter.AllowedValues.Count == 0)
                    return text;
                var allowed = parameter.AllowedValues.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase));
                return allowed ?? throw Invalid(parameter, text, origin,
                    $"Use one of: {string.Join(", ", parameter.AllowedValues)}.",
                    $" Allowed values: {string.Join(", ", parameter.AllowedValues)}.");
        }
    }

    /// <summary>A value from <c>.nuke/parameters.json</c>: a string, boolean, number, null or array.</summary>
    public static object? FromJson(ParameterDefinition parameter, JsonElement element, string origin)
    {
        if (element.ValueKind == JsonValueKind.Null)
            return null;
        if (element.ValueKind == JsonValueKind.Array)
        {
            if (!parameter.IsList)
                throw Error($"{origin} is an array, but {parameter.Name} takes a single value.", "Give a single value instead of an array.");
            return element.EnumerateArray().Select(item => JsonScalar(parameter, item, origin)).ToList();
        }

        var value = JsonScalar(parameter, element, origin);
        return parameter.IsList ? new List<object> { value } : value;
    }

    private static object JsonScalar(ParameterDefinition parameter, JsonElement element, string origin) => element.ValueKind switch
    {
        JsonValueKind.String => FromText(parameter, element.GetString()!, origin),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => FromText(parameter, element.GetRawText(), origin),
        _ => throw Error($"{origin} holds a JSON {element.ValueKind.ToString().ToLowerInvariant()}, which is not a value for {parameter.Name}.",
            $"Give a {Describe(parameter)}{(parameter.IsList ? " or an array of them" : "")}."),
    };

    /// <summary>Checks and converts <see cref="ParameterDefinition.Default"/>.</summary>
    public static object? FromDefault(ParameterDefinition parameter)
    {
        const string origin = "its Default";
        switch (parameter.Default)
        {
            case null:
                return parameter.IsList ? new List<object>() : parameter.Type == ParameterType.Boolean ? false : null;
            case string text when parameter.IsList:
                return new List<object> { FromText(parameter, text, origin) };
            case System.Collections.IEnumerable items when parameter.IsList && parameter.Default is not string:
                return items.Cast<object?>().Select(item => DefaultScalar(parameter, item, origin)).ToList();
            default:
                if (parameter.IsList)
                    return new List<object> { DefaultScalar(parameter, parameter.Default, origin) };
                return DefaultScalar(parameter, parameter.Default, origin);
        }
    }

    private static object DefaultScalar(ParameterDefinition parameter, object? value, string origin) => (parameter.Type, value) switch
    {
        (ParameterType.String, string text) => FromText(parameter, text, origin),
        (ParameterType.Boolean, bool flag) => flag,
        (ParameterType.Integer, int number) => number,
        _ => throw new LambdaRustException(
            $"The Default of parameter {parameter.Name} is {(value is null ? "null" : $"a {value.GetType().Name}")}, but the parameter takes a {Describe(parameter)}.",
            $"Set Default to a {Describe(parameter)}{(parameter.IsList ? " or a list of them" : "")}."),
    };

    /// <summary>Shows a value as text (lists space separated).</summary>
    public static string Format(object? value) => value switch
    {
        null => "(not set)",
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        IReadOnlyList<object> list => list.Count == 0 ? "(empty)" : string.Join(" ", list.Select(Format)),
        _ => value.ToString() ?? "",
    };

    /// <summary><c>&lt;arm64|x86_64&gt;</c>, <c>&lt;string&gt;</c>, <c>&lt;bool&gt;</c>, <c>&lt;int&gt;</c>.</summary>
    public static string Placeholder(ParameterDefinition parameter) => parameter.Type switch
    {
        ParameterType.Boolean => "[<true|false>]",
        ParameterType.Integer => "<int>",
        _ when parameter.AllowedValues.Count > 0 => $"<{string.Join("|", parameter.AllowedValues)}>",
        _ => "<string>",
    };

    private static string Describe(ParameterDefinition parameter) => parameter.Type switch
    {
        ParameterType.Boolean => "boolean",
        ParameterType.Integer => "whole number",
        _ when parameter.AllowedValues.Count > 0 => $"one of {string.Join(", ", parameter.AllowedValues)}",
        _ => "string",
    };

    private static string Example(ParameterDefinition parameter, bool list)
    {
        var sample = parameter.Type switch
        {
            ParameterType.Boolean => "true",
            ParameterType.Integer => "4",
            _ when parameter.AllowedValues.Count > 0 => list ? string.Join(" ", parameter.AllowedValues) : parameter.AllowedValues[0],
            _ => "<value>",
        };
        return $"{parameter.CommandLineName} {sample}";
    }

    private static LambdaRustException Invalid(ParameterDefinition parameter, string text, string origin, string fix, string detail = "")
    {
        var shown = parameter.IsSecret ? "" : $" '{text}'";
        return new LambdaRustException($"Invalid value{shown} for parameter {parameter.Name} (from {origin}).{detail}", fix);
    }

    private static LambdaRustException Error(string problem, string fix) => new(problem, fix);
}
