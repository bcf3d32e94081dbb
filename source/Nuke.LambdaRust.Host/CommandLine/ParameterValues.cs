namespace Nuke.LambdaRust.Host;

/// <summary>The resolved value of every parameter of a graph, with typed access for <see cref="TargetContext"/>.</summary>
internal sealed class ParameterValues
{
    private readonly Dictionary<string, ParameterValue> _values;

    public ParameterValues(IEnumerable<ParameterValue> values)
    {
        All = values.ToList();
        _values = All.ToDictionary(v => NameMatching.Normalize(v.Definition.Name));
    }

    public IReadOnlyList<ParameterValue> All { get; }

    public ParameterValue Find(string name) =>
        _values.TryGetValue(NameMatching.Normalize(name), out var value)
            ? value
            : throw new LambdaRustException(
                $"The build reads parameter '{name}', which is not defined.{NameMatching.DidYouMean(name, All.Select(v => v.Definition.Name))}",
                $"Define it with graph.AddParameter(new ParameterDefinition(\"{name}\")) or correct the name.");

    public bool IsSet(string name) => Find(name).IsSet;

    public T? Get<T>(string name)
    {
        var value = Find(name);
        if (value.Definition.IsList)
            throw new LambdaRustException(
                $"Parameter {value.Definition.Name} is a list, but the build reads it as a single {typeof(T).Name}.",
                $"Read it with GetList<{typeof(T).Name}>(\"{value.Definition.Name}\").");
        return value.Value is null ? default : (T)Convert(value.Definition, value.Value, typeof(T));
    }

    public IReadOnlyList<T> GetList<T>(string name)
    {
        var value = Find(name);
        var items = value.Value switch
        {
            null => [],
            IReadOnlyList<object> list => list,
            _ => [value.Value],
        };
        return items.Select(item => (T)Convert(value.Definition, item, typeof(T))).ToList();
    }

    private static object Convert(ParameterDefinition parameter, object value, Type requested)
    {
        var type = Nullable.GetUnderlyingType(requested) ?? requested;
        if (type.IsInstanceOfType(value))
            return value;
        if (type == typeof(string))
            return ParameterParsing.Format(value);
        if (type == typeof(long) && value is int number)
            return (long)number;
        if (type == typeof(double) && value is int whole)
            return (double)whole;
        if (type.IsEnum && value is string text)
        {
            var wanted = NameMatching.Normalize(text);
            var match = Enum.GetNames(type).FirstOrDefault(n => NameMatching.Normalize(n) == wanted);
            if (match is not null)
                return Enum.Parse(type, match);
            throw new LambdaRustException(
                $"Parameter {parameter.Name}'s value{(parameter.IsSecret ? "" : $" '{text}'")} is not a {type.Name}.",
                $"Use one of: {string.Join(", ", Enum.GetNames(type))}.");
        }

        throw new LambdaRustException(
            $"Parameter {parameter.Name} holds a {value.GetType().Name}; the build cannot read it as {requested.Name}.",
            $"Read it as {value.GetType().Name} or string, or change the parameter's Type.");
    }
}
