using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Compile built in this run.</summary>
/// <param name="Binaries">One per function and architecture.</param>
public sealed record CompileResult(IReadOnlyList<LambdaBinary> Binaries) : IStepResult
{
    /// <inheritdoc />
    public string Summary =>
        $"{Binaries.Count} binaries ({string.Join(", ", Binaries.Select(b => b.Architecture.ToLambdaName()).Distinct())})";
}
