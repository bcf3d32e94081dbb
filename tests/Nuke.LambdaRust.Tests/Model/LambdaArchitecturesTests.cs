using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tests.Model;

public class LambdaArchitecturesTests
{
    [Theory]
    [InlineData("arm64", LambdaArchitecture.Arm64)]
    [InlineData("AARCH64", LambdaArchitecture.Arm64)]
    [InlineData("x86_64", LambdaArchitecture.X86_64)]
    [InlineData("x86-64", LambdaArchitecture.X86_64)]
    [InlineData("amd64", LambdaArchitecture.X86_64)]
    public void Accepts_the_spellings_users_type(string text, LambdaArchitecture expected) =>
        Assert.Equal(expected, LambdaArchitectures.Parse(text));

    [Fact]
    public void Unknown_architecture_names_the_value_and_the_allowed_ones()
    {
        var error = Assert.Throws<LambdaRustException>(() => LambdaArchitectures.Parse("riscv64"));

        Assert.Contains("'riscv64'", error.Message);
        Assert.Contains("arm64", error.Fix);
        Assert.Contains("x86_64", error.Fix);
    }

    [Fact]
    public void Unknown_compiler_is_an_error_not_a_silent_zig_build()
    {
        var error = Assert.Throws<LambdaRustException>(() => LambdaCompilers.Parse("zgi", "--compiler"));

        Assert.Contains("'zgi'", error.Message);
        Assert.Contains("--compiler", error.Message);
        Assert.Equal(LambdaCompiler.Zig, LambdaCompilers.Parse("cargo_zigbuild"));
    }
}
