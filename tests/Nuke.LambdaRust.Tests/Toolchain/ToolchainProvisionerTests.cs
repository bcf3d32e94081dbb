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
        var request = new ProvisioningRequest([LambdaArchitecture.Arm64], LambdaCompiler.Cross, _tools.Path)
        {
            CrossPath = FakeCrossTools.WriteCross(_tools.Combine("fakes")),
            ContainerEngine = FakeCrossTools.WriteEngine(_tools.Combine("fakes"), "docker", running: true),
        };

        var result = await ToolchainProvisioner.EnsureAsync(request, new RecordingLogger());

        Assert.Empty(result.Toolchains);
        Assert.Null(result.Zig);
        Assert.Empty(result.Actions);
    }

    [Fact]
    public async Task Setup_for_cross_fails_with_how_to_get_cross_when_it_is_not_installed()
    {
        var request = new ProvisioningRequest([LambdaArchitecture.X86_64], LambdaCompiler.Cross, _tools.Path)
        {
            CrossPath = _tools.Combine("nowhere", "cross"),
            ContainerEngine = FakeCrossTools.WriteEngine(_tools.Combine("fakes"), "docker", running: true),
        };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ToolchainProvisioner.EnsureAsync(request, new RecordingLogger()));

        Assert.Contains(_tools.Combine("nowhere", "cross"), error.Problem);
        Assert.Contains("cargo install cross", error.Fix);
    }

    [Fact]
    public async Task Setup_for_cross_fails_when_the_container_engine_is_installed_but_not_running()
    {
        var request = new ProvisioningRequest([LambdaArchitecture.X86_64], LambdaCompiler.Cross, _tools.Path)
        {
            CrossPath = FakeCrossTools.WriteCross(_tools.Combine("fakes")),
            ContainerEngine = FakeCrossTools.WriteEngine(_tools.Combine("fakes"), "docker", running: false),
        };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ToolchainProvisioner.EnsureAsync(request, new RecordingLogger()));

        Assert.Contains("installed but not usable", error.Problem);
        Assert.Contains("Cannot connect to the Docker daemon", error.Problem);
    }

    [Fact]
    public void Zig_provisioned_from_npm_or_from_pip_is_looked_for_in_the_tools_folder()
    {
        Assert.Equal(
            [
                Path.Combine(_tools.Path, "zig", "node_modules", "@ryoppippi", "zig-linux-x64", "zig"),
                Path.Combine(_tools.Path, "ziglang", "ziglang", "zig"),
            ],
            ToolchainProvisioner.ProvisionedZigCandidates(_tools.Path));
    }

    [Fact]
    public void Zig_from_pip_is_installed_into_the_tools_folder_with_target_not_user()
    {
        var command = ToolchainProvisioner.PipZigInstall("/usr/bin/python3", _tools.Path);

        Assert.Equal("/usr/bin/python3", command.FileName);
        Assert.Equal(["-m", "pip", "install", "--upgrade", "--target", Path.Combine(_tools.Path, "ziglang"), "ziglang"], command.Arguments);
    }

    [Fact]
    public async Task Zig_that_pip_put_into_the_tools_folder_is_found_when_nothing_else_has_zig()
    {
        var pipZig = Path.Combine(_tools.Path, "ziglang", "ziglang", "zig");
        Directory.CreateDirectory(Path.GetDirectoryName(pipZig)!);
        File.CreateSymbolicLink(pipZig, TestTools.Zig());
        var emptyPath = Directory.CreateDirectory(Path.Combine(_tools.Path, "empty-path")).FullName;
        var nothingElse = new Dictionary<string, string?> { ["PATH"] = emptyPath, ["ZIG"] = null, ["CARGO_ZIGBUILD_ZIG_PATH"] = null };

        var installation = await ZigLocator.LocateAsync(null, new RecordingLogger(), nothingElse, ToolchainProvisioner.ProvisionedZigCandidates(_tools.Path));

        Assert.Equal(pipZig, installation.FileName);
    }
}
