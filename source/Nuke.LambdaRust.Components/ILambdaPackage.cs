using System.Globalization;
using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>The <c>LambdaPackage</c> target: <c>bootstrap.zip</c> files of exactly what <c>LambdaCompile</c> built.</summary>
public interface ILambdaPackage : ILambdaCompile
{
    /// <summary>Runs <see cref="LambdaPipeline.PackageAsync"/>; the count and size go into NUKE's summary.</summary>
    Target LambdaPackage => _ => _
        .Description(StepDescriptions.Package)
        .DependsOn(LambdaCompile)
        .Executes(() => LambdaRustRuns.Run(this, p => p.PackageAsync(), r =>
            [("Packages", r.Packages.Count.ToString(CultureInfo.InvariantCulture)), ("Size", SizeText.Of(r.TotalSize))]));

    /// <summary>Changes the package settings (includes, layout, format ...) the parameters give.</summary>
    Configure<PackageSettings> LambdaPackageSettings => _ => _;
}
