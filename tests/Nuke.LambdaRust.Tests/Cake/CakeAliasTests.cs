using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cake;

/// <summary>A Cake script that references the built addin with <c>#r</c> calls its aliases, with no <c>using</c>.</summary>
[Collection(nameof(CakeCollection))]
public sealed class CakeAliasTests(CakeRunner cake) : IDisposable
{
    private readonly CakeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void LambdaRustZigBuild_and_LambdaRustPackage_build_and_zip_the_example_for_arm64_and_return_typed_results()
    {
        var script = $$"""
            {{cake.ReferenceDirective}}

            var binaries = LambdaRustZigBuild(s => s
                .SetZigPath(Argument<string>("zig"))
                .SetArchitectures(LambdaArchitecture.Arm64));
            var packages = LambdaRustPackage(s => s.SetBinaries(binaries));
            foreach (var package in packages)
                Information("package {0} {1} {2}", package.Name, package.Architecture.ToLambdaName(), package.Path);
            """;

        var run = cake.Run(_workspace.Root, script, [$"--zig={TestTools.Zig()}"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var function in CakeWorkspace.Functions)
        {
            Assert.Contains($"package {function} arm64 {_workspace.Zip(function)}", run.Output);
            Assert.Contains($"Packaged {function} (arm64) -> {_workspace.Zip(function)}", run.Output); // our log, in Cake's
            _workspace.AssertArm64Bootstrap(function);
        }
    }
}
