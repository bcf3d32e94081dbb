using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Package wrote in this run.</summary>
/// <param name="Packages">One per function and architecture.</param>
public sealed record PackageResult(IReadOnlyList<LambdaPackage> Packages) : IStepResult
{
    /// <summary>The packages' size in bytes, added up.</summary>
    public long TotalSize => Packages.Sum(p => p.Hashes.Size);

    /// <inheritdoc />
    public string Summary =>
        $"{Packages.Count} {(Packages.All(p => p.Format == OutputFormat.Zip) ? "zips" : "packages")}, {SizeText.Of(TotalSize)}";
}
