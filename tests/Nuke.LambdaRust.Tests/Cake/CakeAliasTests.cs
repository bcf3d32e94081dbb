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

    [Fact]
    public void LambdaRustDoctor_LambdaRustVerify_and_LambdaRustInvoke_return_their_reports()
    {
        var script = $$"""
            {{cake.ReferenceDirective}}

            var build = new ZigBuildSettings().SetZigPath(Argument<string>("zig")).SetArchitectures(LambdaArchitecture.Arm64).SetFunctions("hello");
            var doctor = LambdaRustDoctor(s => s.SetBuild(build));
            Information("doctor passed={0} groups={1}", doctor.Passed, doctor.Groups.Count);
            var packages = LambdaRustPackage(s => s.SetBinaries(LambdaRustZigBuild(_ => build)));
            var verify = LambdaRustVerify(s => s.SetPackages(packages));
            Information("verify passed={0} packages={1}", verify.Passed, verify.Packages.Count);
            var invoke = LambdaRustInvoke(s => s.SetPackage(packages.Single()).AddEvents("{\"name\":\"Cake\"}")).EnsureSucceeded();
            Information("invoke {0}: {1}", invoke.Invocations.Single().Status, invoke.Invocations.Single().Body);
            """;

        var run = cake.Run(_workspace.Root, script, [$"--zig={TestTools.Zig()}"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Building hello for arm64", run.Output); // settings made anew still log to Cake
        Assert.Contains("doctor passed=True groups=1", run.Output);
        Assert.Contains("verify passed=True packages=1", run.Output);
        Assert.Contains("invoke Succeeded: {\"message\":\"Hello, Cake!\"}", run.Output);
    }
}
