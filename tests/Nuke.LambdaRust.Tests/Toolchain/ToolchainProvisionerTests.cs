using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

public class ToolchainProvisionerTests : IDisposable
{
    private readonly TestDirectory _tools = new();

    public void Dispose() => _tools.Dispose();

    [Fact]
    public async Task When_everything_is_present_it_installs_nothing_and_returns_the_tools()
    {
        var request = new ProvisioningRequest([LambdaArchitecture.Arm64, LambdaArchitecture.X86_64], LambdaCompiler.Zig, _tools.Path)
        {
            ZigPath = TestTools.Zig(),
            Executables = new Dictionary<string, string> { ["readelf"] = "binutils" },
        };

        var result = await ToolchainProvisioner.EnsureAsync(request, new RecordingLogger());

        Assert.Empty(result.Actions);
        Assert.Equal(TestTools.Zig(), result.Zig!.FileName);
        Assert.Equal([LambdaArchitecture.Arm64, LambdaArchitecture.X86_64], result.Toolchains.Keys.Order());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tools.Path));
    }

    [Fact]
    public async Task With_installing_off_a_missing_tool_fails_with_the_exact_commands()
    {
        var request = new ProvisioningRequest([LambdaArchitecture.X86_64], LambdaCompiler.Cargo, _tools.Path)
        {
            Install = false,
            Executables = new Dictionary<string, string> { ["no-such-tool-for-lambda"] = "lambda-test-package" },
        };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ToolchainProvisioner.EnsureAsync(request, new RecordingLogger()));

        Assert.Contains("no-such-tool-for-lambda", error.Message);
        Assert.Contains("sudo apt-get install -y --no-install-recommends lambda-test-package", error.Fix);
    }

    [Fact]
    public async Task Cross_needs_no_rust_toolchain_on_the_host()
    {
        var request = new ProvisioningRequest([LambdaArchitecture.Arm64], LambdaCompiler.Cross, _tools.Path);

        var result = await ToolchainProvisioner.EnsureAsync(request, new RecordingLogger());

        Assert.Empty(result.Toolchains);
        Assert.Null(result.Zig);
        Assert.Empty(result.Actions);
    }

    [Fact]
    public void Zig_provisioned_from_npm_lives_in_the_tools_folder()
    {
        Assert.Equal(Path.Combine(_tools.Path, "zig", "node_modules", "@ryoppippi", "zig-linux-x64", "zig"),
            ToolchainProvisioner.ProvisionedZigPath(_tools.Path));
    }
}
