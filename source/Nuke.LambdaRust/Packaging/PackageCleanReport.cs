namespace Nuke.LambdaRust.Packaging;

/// <summary>What <see cref="PackageCleaner"/> did.</summary>
/// <param name="Deleted">The files and folders deleted: those packaging recorded as written or created.</param>
/// <param name="LeftAlone">The files and folders kept because this tool did not write them (or they changed since).</param>
internal sealed record PackageCleanReport(IReadOnlyList<string> Deleted, IReadOnlyList<string> LeftAlone);
