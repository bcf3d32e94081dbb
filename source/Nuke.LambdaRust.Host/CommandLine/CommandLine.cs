namespace Nuke.LambdaRust.Host;

/// <summary>
/// The command line split by NUKE's rules: target names first (or after <c>--target</c>), then options, each followed by
/// its space-separated values; <c>--name=value</c> gives exactly one value. The host's own options are read here;
/// every other option is a parameter, checked against the graph later.
/// </summary>
internal sealed class CommandLine
{
    internal static readonly string[] HostOptions = ["--target", "--skip", "--plan", "--help", "--continue", "--root", "--verbosity"];

    public List<string> Targets { get; } = [];

    /// <summary><c>--skip</c> was given.</summary>
    public bool Skip { get; private set; }

    /// <summary>The targets named after <c>--skip</c>; empty with <see cref="Skip"/> means all but the invoked ones.</summary>
    public List<string> SkipTargets { get; } = [];

    public bool Plan { get; private set; }

    public bool Help { get; private set; }

    public bool Continue { get; private set; }

    public string? Root { get; private set; }

    public BuildVerbosity Verbosity { get; private set; } = BuildVerbosity.Normal;

    /// <summary>Everything after a bare <c>--</c>, for the tool the build runs (cargo), unchanged.</summary>
    public List<string> PassThrough { get; } = [];

    /// <summary>Parameter options in the order given: the option as typed and its values.</summary>
    public List<(string Option, List<string> Values)> Parameters { get; } = [];

    /// <summary>True when <c>--help</c> (or <c>-h</c>) appears anywhere, so help works even beside a mistake.</summary>
    public static bool AsksForHelp(IEnumerable<string> args) =>
        args.Any(a => a is "-h" or "-?" || (a.StartsWith("--", StringComparison.Ordinal) && NameMatching.Normalize(a.Split('=')[0]) == "help"));

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var commandLine = new CommandLine();
        var separator = args.ToList().IndexOf("--");
        if (separator >= 0)
        {
            commandLine.PassThrough.AddRange(args.Skip(separator + 1));
            args = args.Take(separator).ToList();
        }

        var index = 0;
        while (index < args.Count && !IsOption(args[index]))
            commandLine.Targets.Add(args[index++]);

        while (index < args.Count)
        {
            var token = args[index++];
            var (option, inlineValue) = SplitInlineValue(token);
            var values = new List<string>();
            if (inlineValue is not null)
            {
                values.Add(inlineValue);
                if (index < args.Count && !IsOption(args[index]))
                    throw new LambdaRustException(
                        $"Unexpected argument '{args[index]}' after '{token}'.",
                        $"'{option}=value' takes exactly one value; give a list separated by spaces instead: {option} {inlineValue} {args[index]}");
            }

            while (index < args.Count && !IsOption(args[index]))
                values.Add(args[index++]);

            commandLine.Apply(option, values);
        }

        return commandLine;
    }

    private void Apply(string option, List<string> values)
    {
        switch (option is "-h" or "-?" ? "help" : option.Length == 2 && option[0] == '-' ? option : NameMatching.Normalize(option))
        {
            case "target":
                if (values.Count == 0)
                    throw new LambdaRustException("--target needs at least one target name.", "Write e.g. --target Compile Package, or give the targets first: Compile Package.");
                Targets.AddRange(values);
                break;
            case "skip":
                Skip = true;
                SkipTargets.AddRange(values);
                break;
            case "plan":
                Plan = Flag(option, values);
                break;
            case "help":
                Help = true;
                break;
            case "continue":
                Continue = Flag(option, values);
                break;
            case "root":
                Root = values.Count == 1
                    ? values[0]
                    : throw new LambdaRustException($"--root takes one directory but got {values.Count} values.", "Write e.g. --root path/to/repo (quote a path with spaces).");
                break;
            case "verbosity":
                var names = Enum.GetNames<BuildVerbosity>();
                var match = values.Count == 1 ? names.FirstOrDefault(n => string.Equals(n, values[0], StringComparison.OrdinalIgnoreCase)) : null;
                Verbosity = match is not null
                    ? Enum.Parse<BuildVerbosity>(match)
                    : throw new LambdaRustException(
                        values.Count == 1 ? $"Invalid value '{values[0]}' for --verbosity." : "--verbosity takes one value.",
                        $"Use one of: {string.Join(", ", names.Select(n => n.ToLowerInvariant()))}.");
                break;
            default:
                Parameters.Add((option, values));
                break;
        }
    }

    private static bool Flag(string option, List<string> values) => values switch
    {
        [] => true,
        [var text] when bool.TryParse(text, out var flag) => flag,
        _ => throw new LambdaRustException($"{option} is a flag; '{string.Join(" ", values)}' is not true or false.", $"Write {option} alone, or {option} false."),
    };

    // '--' starts an option, and so does a dash with one letter (-p, -h): negative numbers and values like '-O2' stay values.
    private static bool IsOption(string token) =>
        (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2) || token is "-?" || (token.Length == 2 && token[0] == '-' && char.IsAsciiLetter(token[1]));

    private static (string Option, string? Value) SplitInlineValue(string token)
    {
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (token, null) : (token[..equals], token[(equals + 1)..]);
    }
}
