namespace Nuke.LambdaRust.Host;

/// <summary>
/// The targets and parameters of a build, as data. Users add their own targets and parameters and wire them to
/// existing ones in either direction (<c>DependentFor("Compile")</c>, <c>Before("Package")</c>, or
/// <see cref="Extend"/> to change an existing target). Relations are checked by <see cref="Validate"/>, so targets can
/// refer to ones added later.
/// </summary>
public sealed class TargetGraph
{
    private static readonly string[] ReservedParameterNames = CommandLine.HostOptions.Select(NameMatching.Normalize).ToArray();

    private readonly List<TargetDefinition> _targets = [];
    private readonly List<ParameterDefinition> _parameters = [];
    private readonly Dictionary<Type, Func<TargetContext, object>> _shared = [];

    /// <summary>The targets, in the order they were added.</summary>
    public IReadOnlyList<TargetDefinition> Targets => _targets;

    /// <summary>The parameters, in the order they were added.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters => _parameters;

    /// <summary>Adds a target: <c>graph.Add("Deploy", t =&gt; t.DependsOn("Package").Executes(...))</c>.</summary>
    /// <exception cref="LambdaRustException">The name is not a valid target name or is already taken.</exception>
    public TargetGraph Add(string name, Action<TargetBuilder> configure)
    {
        var builder = new TargetBuilder(new TargetDefinition(name));
        configure(builder);
        return Add(builder.Definition);
    }

    /// <summary>Adds a target defined as data.</summary>
    /// <exception cref="LambdaRustException">The name is not a valid target name or is already taken.</exception>
    public TargetGraph Add(TargetDefinition target)
    {
        CheckName(target.Name, "target");
        if (FindTarget(target.Name) is { } existing)
            throw new LambdaRustException(
                $"Target '{target.Name}' is already defined{(existing.Name == target.Name ? "" : $" as '{existing.Name}'")}.",
                $"Use graph.Extend(\"{existing.Name}\", t => ...) to change it, or pick another name.");
        _targets.Add(target);
        return this;
    }

    /// <summary>
    /// Changes an existing target in place; relations and actions are added to what it has:
    /// <c>graph.Extend("Compile", t =&gt; t.DependsOn("Lint"))</c>.
    /// </summary>
    /// <exception cref="LambdaRustException">No target has that name.</exception>
    public TargetGraph Extend(string name, Action<TargetBuilder> configure)
    {
        var existing = FindTarget(name) ?? throw new LambdaRustException(
            $"Cannot extend target '{name}': there is no such target.{NameMatching.DidYouMean(name, _targets.Select(t => t.Name))}",
            "Extend a target that exists, or add a new one with graph.Add.");
        var builder = new TargetBuilder(existing);
        configure(builder);
        _targets[_targets.IndexOf(existing)] = builder.Definition with { Name = existing.Name };
        return this;
    }

    /// <summary>Adds a parameter.</summary>
    /// <exception cref="LambdaRustException">The name is invalid, taken (by another parameter or a host option such as --target), or the definition is inconsistent.</exception>
    public TargetGraph AddParameter(ParameterDefinition parameter)
    {
        CheckName(parameter.Name, "parameter");
        var key = NameMatching.Normalize(parameter.Name);
        if (ReservedParameterNames.Contains(key))
            throw new LambdaRustException(
                $"Parameter '{parameter.Name}' would be {parameter.CommandLineName}, which is an option of the build host.",
                "Pick another name.");
        if (FindParameter(parameter.Name) is { } existing)
            throw new LambdaRustException($"Parameter '{parameter.Name}' is already defined (as '{existing.Name}').", "Pick another name.");
        if (parameter.AllowedValues.Count > 0 && parameter.Type != ParameterType.String)
            throw new LambdaRustException($"Parameter '{parameter.Name}' has AllowedValues but is a {parameter.Type}.", "Use AllowedValues with ParameterType.String only.");
        if (parameter.IsList && parameter.Type == ParameterType.Boolean)
            throw new LambdaRustException($"Parameter '{parameter.Name}' is a list of booleans, which the command line cannot express.", "Use a single boolean or a list of strings.");
        ParameterParsing.FromDefault(parameter); // a wrong default fails here, where it is written, not in a user's build
        _parameters.Add(parameter);
        return this;
    }

    /// <summary>
    /// Registers how a run makes its one shared <typeparamref name="T"/>, which targets get with
    /// <see cref="TargetContext.Shared{T}"/>: typed state passed from target to target.
    /// </summary>
    /// <exception cref="LambdaRustException">A factory for <typeparamref name="T"/> is already registered.</exception>
    public TargetGraph AddShared<T>(Func<TargetContext, T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!_shared.TryAdd(typeof(T), create))
            throw new LambdaRustException($"A shared {typeof(T).Name} is already registered in this graph.", "Register each shared type once.");
        return this;
    }

    internal IReadOnlyDictionary<Type, Func<TargetContext, object>> SharedFactories => _shared;

    /// <summary>The target with this name, matched case-insensitively with hyphens and underscores ignored.</summary>
    public TargetDefinition? FindTarget(string name) =>
        _targets.FirstOrDefault(t => NameMatching.SameName(t.Name, name));

    /// <summary>The parameter with this name (<c>Arch</c>, <c>arch</c> or <c>--arch</c>).</summary>
    public ParameterDefinition? FindParameter(string name) =>
        _parameters.FirstOrDefault(p => NameMatching.SameName(p.Name, name));

    /// <summary>Checks that every relation names a target that exists and that the targets have no cycle.</summary>
    /// <exception cref="LambdaRustException">The first problem found, naming the targets involved.</exception>
    public void Validate() => ResolvedGraph.Create(this);

    private static void CheckName(string name, string kind)
    {
        if (string.IsNullOrEmpty(name) || !char.IsLetter(name[0]) || !name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            throw new LambdaRustException(
                $"'{name}' is not a valid {kind} name.",
                $"Start with a letter and use letters and digits (PascalCase), e.g. {(kind == "target" ? "Compile" : "ManifestPath")}.");
    }
}
