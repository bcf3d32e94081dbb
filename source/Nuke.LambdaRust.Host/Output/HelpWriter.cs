namespace Nuke.LambdaRust.Host;

/// <summary>Prints <c>--help</c>: targets with descriptions and dependencies, parameters with type, default, allowed values and environment variables, and the host's options.</summary>
internal static class HelpWriter
{
    private static readonly (string Option, string Description)[] Options =
    [
        ("<target> ... | --target <target> ...", "Targets to run (names are case-insensitive; '-' and '_' are ignored)."),
        ("--skip [<target> ...]", "Skip the named targets; without names, skip all but the invoked ones."),
        ("--plan", "Print the execution plan with the reason for each target, and exit without running."),
        ("--continue", "After a failure, still run the targets that do not require the failed one."),
        ("--root <directory>", "The build's root (default: the nearest folder upward holding .nuke, else the current one)."),
        ("--verbosity <quiet|minimal|normal|verbose>", "How much to print (default: normal)."),
        ("--help", "Print this help."),
        ("-- <arguments> ...", "Everything after a bare -- is passed to the tool the targets run (cargo) unchanged."),
    ];

    public static void Write(TextWriter output, TargetGraph graph, string? defaultTarget)
    {
        ResolvedGraph? resolved = null;
        try
        {
            resolved = ResolvedGraph.Create(graph);
        }
        catch (LambdaRustException)
        {
            // Help still shows what it can; running the build reports the broken relation.
        }

        output.WriteLine("Usage: build [<target> ...] [--<parameter> <value> ...] [options]");
        output.WriteLine();
        output.WriteLine("Targets (-> dependencies):");
        var targets = graph.Targets.Where(t => !t.Unlisted).ToList();
        var width = targets.Select(t => Label(t).Length).DefaultIfEmpty(0).Max() + 3;
        foreach (var target in targets)
        {
            output.WriteLine($"  {Label(target).PadRight(width)}{target.Description}".TrimEnd());
            var dependencies = resolved?.DependenciesOf(target).Select(t => t.Name) ?? target.DependsOn;
            if (dependencies.Any())
                output.WriteLine($"  {"".PadRight(width)}-> {string.Join(", ", dependencies)}");
            if (target.Triggers.Count > 0)
                output.WriteLine($"  {"".PadRight(width)}triggers {string.Join(", ", target.Triggers)}");
        }

        if (graph.Parameters.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Parameters (command line > environment variable > .nuke/parameters.json > default):");
            foreach (var parameter in graph.Parameters)
            {
                var usage = $"{string.Join(", ", parameter.AliasSpellings.Prepend(parameter.CommandLineName))} {ParameterParsing.Placeholder(parameter)}{(parameter.IsList ? " ..." : "")}";
                output.WriteLine($"  {usage}");
                if (parameter.Description is not null)
                    output.WriteLine($"      {parameter.Description}");
                var details = new List<string> { $"type: {TypeName(parameter)}" };
                if (parameter.AllowedValues.Count > 0)
                    details.Add($"allowed: {string.Join(", ", parameter.AllowedValues)}");
                details.Add(parameter.IsSecret ? "secret" : $"default: {ParameterParsing.Format(ParameterParsing.FromDefault(parameter))}");
                details.Add($"env: {string.Join(", ", parameter.EnvironmentVariableNames)}");
                output.WriteLine($"      {string.Join("; ", details)}");
            }
        }

        output.WriteLine();
        output.WriteLine("Options:");
        foreach (var (option, description) in Options)
        {
            output.WriteLine($"  {option}");
            output.WriteLine($"      {description}");
        }

        output.Flush();

        string Label(TargetDefinition target) =>
            defaultTarget is not null && NameMatching.SameName(target.Name, defaultTarget) ? $"{target.Name} (default)" : target.Name;
    }

    private static string TypeName(ParameterDefinition parameter)
    {
        var name = parameter.Type switch
        {
            ParameterType.Boolean => "bool",
            ParameterType.Integer => "int",
            _ when parameter.AllowedValues.Count > 0 => "choice",
            _ => "string",
        };
        return parameter.IsList ? $"list of {name}" : name;
    }
}
