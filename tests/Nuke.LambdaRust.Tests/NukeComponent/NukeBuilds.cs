using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.NukeComponent;

/// <summary>The user's <c>Build.cs</c> files, as a NUKE user writes them.</summary>
internal static class NukeBuilds
{
    public const string NukeVersion = "10.1.0";

    /// <summary>
    /// Our targets alone: the README's complete <c>Build.cs</c> (section "In your NUKE build": ours exposed as Compile, a
    /// user target on Package's typed results, a settings hook), plus one unlisted target that prints, for the tests,
    /// each parameter member with its type and description.
    /// </summary>
    public static string LambdaOnly()
    {
        var readme = File.ReadAllText(Path.Combine(ExampleWorkspace.RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## In your NUKE build", StringComparison.Ordinal)..];
        var code = section[(section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length)..];
        code = code[..code.IndexOf("```", StringComparison.Ordinal)].TrimEnd();
        return "using System.Reflection;\n" + code[..^1] + DescribeParameters + "}\n";
    }

    private const string DescribeParameters = """

            Target DescribeLambdaParameters => _ => _
                .Unlisted()
                .Executes(() =>
                {
                    foreach (var property in typeof(IHazLambdaRust).GetProperties())
                    {
                        if (property.GetCustomAttribute<LambdaParameterAttribute>() is { } parameter)
                        {
                            Console.WriteLine($"PARAMETER {parameter.Definition.Name} {property.Name} {property.PropertyType.FullName}");
                            Console.WriteLine($"DESCRIPTION {parameter.Definition.Name} {property.GetCustomAttribute<ParameterAttribute>()?.Description}");
                        }
                    }
                });

        """;

    /// <summary>Our targets beside Nuke.Components' ICompile (and with it IRestore, IHazSolution, IHazConfiguration).</summary>
    public const string WithICompile = """
        using Nuke.Common;
        using Nuke.Components;
        using Nuke.LambdaRust.Components;

        class Build : NukeBuild, ILambdaRust, ICompile
        {
            public static int Main() => Execute<Build>(x => ((ICompile)x).Compile);
        }
        """;
}
