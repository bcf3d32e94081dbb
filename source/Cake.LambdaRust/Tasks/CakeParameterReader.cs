using System.Globalization;
using Cake.Core;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Pipeline;

namespace Cake.LambdaRust.Tasks;

/// <summary>
/// Our parameters from Cake's arguments, as Cake users write them: <c>--arch=arm64</c> or <c>--arch arm64</c>, a list
/// comma separated (<c>--arch=arm64,x86_64</c>) or repeated, a bare <c>--release</c> for true. A parameter is found by
/// its command-line spelling (<c>--manifest-path</c>), its name (<c>--ManifestPath</c>; Cake ignores case) or an
/// alias (<c>--bin</c>). Values are checked here, naming the argument, so a bad one fails before anything runs.
/// </summary>
internal sealed class CakeParameterReader(ICakeArguments arguments) : IParameterReader
{
    // JSON events and NAME=VALUE pairs may hold commas themselves: for these, only a repeated argument gives a list.
    private static readonly HashSet<string> Unsplit = [LambdaParameters.Data, LambdaParameters.Env];

    public bool IsSet(string name) => Given(Definition(name)) is not null;

    public string? Get(string name)
    {
        var parameter = Definition(name);
        if (Given(parameter) is not { } given)
            return DefaultText(parameter.Default);
        var (spelling, values) = given;
        if (values.Count > 1)
        {
            throw new LambdaRustException(
                $"--{spelling} is given {values.Count} times, but it takes a single value.",
                $"Give --{spelling} once, e.g. {Example(parameter)}.");
        }

        return Checked(parameter, spelling, values[0]);
    }

    public IReadOnlyList<string> GetList(string name)
    {
        var parameter = Definition(name);
        if (Given(parameter) is not { } given)
            return parameter.Default is System.Collections.IEnumerable defaults and not string
                ? defaults.Cast<object>().Select(item => DefaultText(item)!).ToList()
                : DefaultText(parameter.Default) is { } single ? [single] : [];
        var (spelling, values) = given;
        var items = Unsplit.Contains(parameter.Name)
            ? values
            : values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (items.Count == 0 || items.Any(string.IsNullOrWhiteSpace))
            throw new LambdaRustException($"--{spelling} needs a value.", $"Give one or more, e.g. {Example(parameter)}.");
        return items.Select(item => Checked(parameter, spelling, item)).ToList();
    }

    public string Spelling(string name) => Definition(name).CommandLineName;

    private static ParameterDefinition Definition(string name) =>
        LambdaParameters.All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"'{name}' is not one of LambdaParameters.All.", nameof(name));

    /// <summary>The spelling the user gave and its values; null when none of the parameter's spellings is given.</summary>
    private (string Spelling, IReadOnlyList<string> Values)? Given(ParameterDefinition parameter)
    {
        var spellings = new[] { parameter.CommandLineName, "--" + parameter.Name }.Concat(parameter.AliasSpellings)
            .Select(s => s.TrimStart('-')).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var spelling in spellings.Where(arguments.HasArgument))
            return (spelling, arguments.GetArguments(spelling).Select(v => v ?? "").ToList()); // a bare flag has no value
        return null;
    }

    /// <summary>A value checked against the parameter's type; a bare flag is true; a choice comes back in its own spelling.</summary>
    private static string Checked(ParameterDefinition parameter, string spelling, string value)
    {
        var text = value.Trim();
        switch (parameter.Type)
        {
            case ParameterType.Boolean:
                return text.Length == 0 ? "true" : text.ToLowerInvariant() is "true" or "false" ? text.ToLowerInvariant()
                    : throw Invalid(parameter, spelling, value, "Use true or false, or give the flag alone for true.");
            case ParameterType.Integer:
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                    ? text
                    : throw Invalid(parameter, spelling, value, $"Use a whole number, e.g. {Example(parameter)}.");
            default:
                if (text.Length == 0)
                    throw new LambdaRustException($"--{spelling} needs a value.", $"Give one, e.g. {Example(parameter)}.");
                if (parameter.AllowedValues.Count == 0)
                    return value;
                return parameter.AllowedValues.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
                       ?? throw Invalid(parameter, spelling, value, $"Use one of: {string.Join(", ", parameter.AllowedValues)}.");
        }
    }

    private static string? DefaultText(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Example(ParameterDefinition parameter) => parameter.Type switch
    {
        ParameterType.Boolean => $"{parameter.CommandLineName}=true",
        ParameterType.Integer => $"{parameter.CommandLineName}=4",
        _ when parameter.AllowedValues.Count > 0 => $"{parameter.CommandLineName}={(parameter.IsList ? string.Join(",", parameter.AllowedValues.Take(2)) : parameter.AllowedValues[0])}",
        _ => $"{parameter.CommandLineName}=<value>",
    };

    private static LambdaRustException Invalid(ParameterDefinition parameter, string spelling, string value, string fix) =>
        new($"Invalid value{(parameter.IsSecret ? "" : $" '{value}'")} for --{spelling}.", fix);
}
