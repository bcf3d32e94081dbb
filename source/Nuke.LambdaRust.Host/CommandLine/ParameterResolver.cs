using System.Text.Json;

namespace Nuke.LambdaRust.Host;

/// <summary>
/// Resolves every parameter in NUKE's precedence: command line, then environment variables (exact name, then letters
/// and digits only case-insensitive, with or without a <c>NUKE_</c> prefix), then <c>.nuke/parameters.json</c>, then the default.
/// Every value is checked up front, so a bad one stops the build before any target runs.
/// </summary>
internal static class ParameterResolver
{
    public const string ParametersFileName = "parameters.json";

    public static ParameterValues Resolve(
        IReadOnlyList<ParameterDefinition> parameters,
        IReadOnlyList<(string Option, List<string> Values)> commandLine,
        IReadOnlyDictionary<string, string> environment,
        string rootDirectory)
    {
        var fromCommandLine = ReadCommandLine(parameters, commandLine);
        var fromFile = ReadParametersFile(parameters, Path.Combine(rootDirectory, ".nuke", ParametersFileName));

        var values = new List<ParameterValue>();
        foreach (var parameter in parameters)
        {
            var key = NameMatching.Normalize(parameter.Name);
            if (fromCommandLine.TryGetValue(key, out var cli))
                values.Add(new ParameterValue(parameter, cli.Value, cli.Source));
            else if (FindEnvironmentVariable(parameter, environment) is { } variable)
                values.Add(new ParameterValue(parameter, FromEnvironment(parameter, variable.Key, variable.Value), $"environment variable {variable.Key}"));
            else if (fromFile.TryGetValue(key, out var file) && file.Value is not null)
                values.Add(new ParameterValue(parameter, file.Value, file.Source));
            else
                values.Add(new ParameterValue(parameter, ParameterParsing.FromDefault(parameter), null));
        }

        return new ParameterValues(values);
    }

    private static Dictionary<string, (object? Value, string Source)> ReadCommandLine(
        IReadOnlyList<ParameterDefinition> parameters,
        IReadOnlyList<(string Option, List<string> Values)> commandLine)
    {
        var result = new Dictionary<string, (object? Value, string Source)>();
        foreach (var (option, values) in commandLine)
        {
            var parameter = parameters.FirstOrDefault(p => NameMatching.SameName(p.Name, option))
                ?? parameters.FirstOrDefault(p => p.Aliases.Any(a => NameMatching.SameName(a, option)))
                ?? throw new LambdaRustException(
                    $"Unknown parameter '{option}'.{NameMatching.DidYouMean(option, parameters.Select(p => p.CommandLineName).Concat(CommandLine.HostOptions))}",
                    "Run with --help to list the parameters.");
            var key = NameMatching.Normalize(parameter.Name);
            var value = ParameterParsing.FromTexts(parameter, values, parameter.CommandLineName);
            if (result.TryGetValue(key, out var earlier))
            {
                if (!parameter.IsList)
                    throw new LambdaRustException(
                        $"{parameter.CommandLineName} is given more than once.",
                        $"Give it once; {parameter.Name} takes a single value.");
                value = ((List<object>)earlier.Value!).Concat((List<object>)value!).ToList();
            }

            result[key] = (value, parameter.CommandLineName);
        }

        return result;
    }

    private static KeyValuePair<string, string>? FindEnvironmentVariable(ParameterDefinition parameter, IReadOnlyDictionary<string, string> environment)
    {
        // An empty variable counts as unset: on Windows setting one to "" removes it, so it cannot mean anything else.
        if (environment.TryGetValue(parameter.Name, out var exact) && exact.Length > 0)
            return new KeyValuePair<string, string>(parameter.Name, exact);

        var name = NameMatching.Normalize(parameter.Name);
        var candidates = environment
            .Where(e => e.Value.Length > 0)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var variable in candidates.Where(_ => !parameter.PrefixedEnvironmentOnly))
        {
            if (NameMatching.Normalize(variable.Key) == name)
                return variable;
        }

        foreach (var variable in candidates)
        {
            if (NameMatching.Normalize(variable.Key) == "nuke" + name)
                return variable;
        }

        return null;
    }

    private static object? FromEnvironment(ParameterDefinition parameter, string name, string text)
    {
        var origin = $"environment variable {name}";
        if (parameter.IsList)
            return ParameterParsing.FromTexts(parameter, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), origin);
        return ParameterParsing.FromText(parameter, text, origin);
    }

    private static Dictionary<string, (object? Value, string Source)> ReadParametersFile(IReadOnlyList<ParameterDefinition> parameters, string path)
    {
        var result = new Dictionary<string, (object? Value, string Source)>();
        if (Directory.Exists(path))
            throw new LambdaRustException($"{path} is a folder, not a parameters file.", "Remove the folder, or replace it with a JSON file such as { \"Arch\": [\"arm64\"] }.");
        if (!File.Exists(path))
            return result;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException($"Cannot read {path}: {exception.Message}", "Check that the file is readable.", exception);
        }
        catch (JsonException exception)
        {
            throw new LambdaRustException(
                $"{path} is not valid JSON (line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}).",
                "Fix the JSON: an object whose keys are parameter names, e.g. { \"Arch\": [\"arm64\"] }.",
                exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new LambdaRustException($"{path} must hold a JSON object.", "Write an object whose keys are parameter names, e.g. { \"Arch\": [\"arm64\"] }.");

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$'))
                    continue; // "$schema" and friends
                var parameter = parameters.FirstOrDefault(p => NameMatching.SameName(p.Name, property.Name))
                    ?? throw new LambdaRustException(
                        $"{path} sets '{property.Name}', which is not a parameter of this build.{NameMatching.DidYouMean(property.Name, parameters.Select(p => p.Name))}",
                        "Correct the key or remove it; run with --help to list the parameters.");
                var source = $"{path} key {property.Name}";
                result[NameMatching.Normalize(parameter.Name)] = (ParameterParsing.FromJson(parameter, property.Value, source), source);
            }
        }

        return result;
    }
}
