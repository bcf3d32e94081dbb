using Nuke.LambdaRust.Pipeline;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>The README documents what the build offers.</summary>
public sealed class ReadmeTests
{
    private static readonly string[] TableRows = File.ReadAllLines(Path.Combine(ExampleWorkspace.RepositoryRoot(), "README.md"))
        .Where(line => line.StartsWith('|'))
        .ToArray();

    public static TheoryData<string> Parameters() => [.. LambdaParameters.All.Select(p => p.CommandLineName)];

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Every_parameter_is_in_a_readme_table(string commandLineName) =>
        Assert.Contains(TableRows, row => row.Contains($"`{commandLineName}`", StringComparison.Ordinal));
}
