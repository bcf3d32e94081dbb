using System.Globalization;
using System.Reflection;
using System.Text;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>
/// The build's <see cref="LambdaParameterAttribute"/> members as the pipeline reads them: NUKE has already resolved each
/// (command line, environment, <c>.nuke/parameters.json</c>) and converted it to its type; this turns the values back
/// into the text <see cref="PipelineSettings.FromParameters"/> checks, so both engines validate alike.
/// </summary>
internal sealed class NukeParameterReader : IParameterReader
{
    private readonly Dictionary<string, (PropertyInfo Member, object? Value)> _values;

    public NukeParameterReader(IHazLambdaRust build) =>
        _values = Members.ToDictionary(m => m.GetCustomAttribute<LambdaParameterAttribute>()!.Definition.Name, m => (m, m.GetValue(build)));

    /// <summary>The parameter members: one per <see cref="LambdaParameters.All"/> entry.</summary>
    public static IReadOnlyList<PropertyInfo> Members { get; } =
        [.. typeof(IHazLambdaRust).GetProperties().Where(p => p.GetCustomAttribute<LambdaParameterAttribute>() is not null)];

    public bool IsSet(string name) => Value(name) is not null;

    public string? Get(string name) => Value(name) switch
    {
        null => null,
        Array array => array.Length == 0 ? null : Text(array.GetValue(0)),
        var single => Text(single),
    };

    public IReadOnlyList<string> GetList(string name) => Value(name) switch
    {
        null => [],
        Array array => [.. array.Cast<object?>().Select(Text).OfType<string>()],
        var single => Text(single) is { } text ? [text] : [],
    };

    public string Spelling(string name) => "--" + DashedName(_values[name].Member.Name);

    /// <summary>NUKE's spelling of a member name: a dash where a capital follows a small letter (<c>ManifestPath</c> is <c>manifest-path</c>, <c>X86_64</c> is <c>x86_64</c>).</summary>
    public static string DashedName(string memberName)
    {
        var builder = new StringBuilder(memberName.Length + 4);
        for (var i = 0; i < memberName.Length; i++)
        {
            if (i > 0 && char.IsUpper(memberName[i]) && char.IsLower(memberName[i - 1]))
                builder.Append('-');
            builder.Append(char.ToLowerInvariant(memberName[i]));
        }

        return builder.ToString();
    }

    private object? Value(string name) =>
        _values.TryGetValue(name, out var entry) ? entry.Value : throw new InvalidOperationException($"IHazLambdaRust has no member for the parameter {name}.");

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
