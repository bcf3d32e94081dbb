using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

public sealed class HostPlatformsTests
{
    [Fact]
    public void Host_triple_is_what_rustc_reports_as_host()
    {
        var (exit, output, error) = TestTools.Run(TestTools.Require("/usr/bin/rustc"), ["-vV"]);
        Assert.True(exit == 0, error);
        var host = output.Split('\n').Single(l => l.StartsWith("host: ", StringComparison.Ordinal))["host: ".Length..].Trim();

        Assert.Equal(host, HostPlatforms.HostTriple());
    }
}
