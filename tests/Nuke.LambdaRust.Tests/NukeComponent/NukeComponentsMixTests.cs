using System.Text.RegularExpressions;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.NukeComponent;

/// <summary>
/// Our component beside Nuke.Components' ICompile in one build class, <c>class Build : NukeBuild, ILambdaRust, ICompile</c>:
/// it compiles (no member clashes), and both targets named Compile-something run in one invocation.
/// </summary>
[Collection(NukeConsumerCollection.Name)]
public sealed class NukeComponentsMixTests(NukeConsumer consumer)
{
    [NukeFact]
    public async Task Help_lists_ICompile_s_Compile_and_Restore_beside_our_targets()
    {
        var (exitCode, output) = await consumer.RunAsync("build-mix", "--help", "--solution", "Lib.slnx");

        Assert.True(exitCode == 0, output);
        foreach (var target in new[] { "Compile (default)", "Restore", "LambdaSetup", "LambdaCompile", "LambdaPackage" })
            Assert.Matches(@"(?m)^\s+" + Regex.Escape(target), output);
    }

    [NukeFact]
    public async Task ICompile_s_Compile_and_our_LambdaPackage_both_run_in_one_build()
    {
        var (exitCode, output) = await consumer.RunAsync("build-mix", "Compile", "LambdaPackage", "--solution", "Lib.slnx",
            "--arch", "arm64", "--manifest-path", NukeConsumer.ManifestPath, "--zig-path", TestTools.Zig());

        Assert.True(exitCode == 0, output);
        foreach (var target in new[] { "Restore", "Compile", "LambdaSetup", "LambdaDoctor", "LambdaCompile", "LambdaPackage" })
            Assert.Matches(@"(?m)^\s*" + target + @"\s+Succeeded", output);
        Assert.True(Directory.EnumerateFiles(Path.Combine(consumer.Root, "lib", "bin"), "Lib.dll", SearchOption.AllDirectories).Any(), output);
        Assert.True(File.Exists(Path.Combine(consumer.Root, "functions", "target", "lambda", "hello", "bootstrap.zip")), output);
    }
}
