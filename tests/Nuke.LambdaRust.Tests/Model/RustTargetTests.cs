using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tests.Model;

public class RustTargetTests
{
    [Fact]
    public void Arm64_on_al2_links_against_glibc_2_26_for_zig_but_not_for_cargo()
    {
        var target = RustTarget.For(LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2);

        Assert.Equal("aarch64-unknown-linux-gnu", target.Triple);
        Assert.Equal("aarch64-unknown-linux-gnu.2.26", target.TripleWithGlibc);
        Assert.Equal("aarch64-linux-gnu.2.26", target.ZigTarget);
    }

    [Fact]
    public void Al2023_is_the_default_runtime_with_glibc_2_34()
    {
        Assert.Equal(LambdaRuntime.ProvidedAl2023, LambdaRuntime.All[0]);
        Assert.Equal(new Version(2, 34), LambdaRuntime.Parse("provided.al2023").Glibc);
        Assert.Equal(new Version(2, 26), LambdaRuntime.Parse("al2").Glibc);
    }

    [Theory]
    [InlineData("x86_64-unknown-linux-gnu", LambdaArchitecture.X86_64, TargetAbi.Gnu, null)]
    [InlineData("aarch64-unknown-linux-gnu.2.17", LambdaArchitecture.Arm64, TargetAbi.Gnu, "2.17")]
    [InlineData("aarch64-unknown-linux-musl", LambdaArchitecture.Arm64, TargetAbi.Musl, null)]
    public void Parses_the_triples_lambda_can_run(string text, LambdaArchitecture architecture, TargetAbi abi, string? glibc)
    {
        var target = RustTarget.Parse(text);

        Assert.Equal(architecture, target.Architecture);
        Assert.Equal(abi, target.Abi);
        Assert.Equal(glibc, target.Glibc?.ToString());
        Assert.Equal(text, target.TripleWithGlibc);
    }

    [Theory]
    [InlineData("x86_64-pc-windows-msvc")]
    [InlineData("aarch64-apple-darwin")]
    [InlineData("aarch64-unknown-linux-gnu.two")]
    public void Refuses_targets_lambda_cannot_run(string text)
    {
        var error = Assert.Throws<LambdaRustException>(() => RustTarget.Parse(text));

        Assert.Contains(text, error.Message);
        Assert.Contains("aarch64-unknown-linux-gnu", error.Fix);
    }

    [Fact]
    public void Environment_keys_follow_cargo_and_cc_rs_conventions()
    {
        var target = new RustTarget(LambdaArchitecture.Arm64);

        Assert.Equal("AARCH64_UNKNOWN_LINUX_GNU", target.EnvironmentKey);
        Assert.Equal("aarch64_unknown_linux_gnu", target.CcKey);
    }
}
