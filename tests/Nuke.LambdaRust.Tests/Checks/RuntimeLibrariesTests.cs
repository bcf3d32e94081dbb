using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tests.Checks;

/// <summary>The runtime library data: what each image ships, with its sources and whether it is established or inferred.</summary>
public sealed class RuntimeLibrariesTests
{
    [Fact]
    public void Provided_al2023_ships_libssl_so_3_as_an_inferred_entry_citing_the_minimal_image()
    {
        var libssl = RuntimeLibraries.For(LambdaRuntime.ProvidedAl2023).Find("libssl.so.3");

        Assert.NotNull(libssl);
        Assert.True(libssl.Present);
        Assert.Equal("inferred", libssl.Status);
        Assert.Contains("S4", libssl.Sources);
        Assert.Contains("2023-minimal", RuntimeLibraries.Source("S4"));
        Assert.Contains("established for amazonlinux:2023-minimal", libssl.Note);
    }

    [Theory]
    [InlineData("libssl.so.3")]
    [InlineData("libcrypto.so.3")]
    [InlineData("libpq.so.5")]
    [InlineData("libssl.so.1.1")]
    public void Provided_al2_does_not_ship_these(string soname)
    {
        Assert.False(RuntimeLibraries.For(LambdaRuntime.ProvidedAl2).Ships(soname));
    }

    [Fact]
    public void Provided_al2_ships_openssl_1_0_as_established()
    {
        var libssl = RuntimeLibraries.For(LambdaRuntime.ProvidedAl2).Find("libssl.so.10");

        Assert.NotNull(libssl);
        Assert.True(libssl.Present && libssl.Established);
        Assert.Contains("S8", libssl.Sources);
    }

    [Fact]
    public void Every_entry_cites_known_sources_and_says_why()
    {
        foreach (var runtime in LambdaRuntime.All)
        {
            foreach (var library in RuntimeLibraries.For(runtime).All)
            {
                Assert.False(string.IsNullOrWhiteSpace(library.Note), $"{runtime} {library.Soname}");
                Assert.All(library.Sources, source => Assert.NotEqual(source, RuntimeLibraries.Source(source)));
            }

            Assert.True(RuntimeLibraries.For(runtime).Ships("libc.so.6"));
        }
    }
}
