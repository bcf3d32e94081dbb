using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>Compile fails when what it built needs a newer glibc than the runtime has, without waiting for Package.</summary>
public sealed class CompileGlibcCheckTests : IDisposable
{
    private readonly TestDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Compile_for_provided_al2_with_plain_cargo_exits_1_naming_the_binary_the_glibc_it_needs_and_zig_as_the_fix()
    {
        TestTools.Require("aarch64-linux-gnu-gcc");
        ExampleWorkspace.CopyTo(_root.Combine("functions"));
        var output = new StringWriter();

        var exitCode = await BuildHost.RunAsync(LambdaTargets.AddTo(new TargetGraph()),
            ["Compile", "--runtime", "provided.al2", "--compiler", "cargo", "--arch", "arm64", "--function", "hello", "--manifest-path", "functions/Cargo.toml"],
            new BuildHostOptions { Output = output, RootDirectory = _root.Path, WorkingDirectory = _root.Path, Environment = new Dictionary<string, string>() });

        Assert.True(exitCode == 1, output.ToString());
        Assert.Contains("Compile found", output.ToString());
        Assert.Matches(@"\[glibc-version\] .*/aarch64-unknown-linux-gnu/debug/hello needs GLIBC_2\.(2[7-9]|[3-9]\d), but hello must run with glibc 2\.26", output.ToString());
        Assert.Contains("Build with the zig compiler (--compiler zig", output.ToString());
        Assert.Matches(@"Compile\s+Failed", output.ToString());
    }
}
