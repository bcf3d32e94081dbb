using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tests.Toolchain;

/// <summary>
/// Against this machine kind's real toolchains: rustup with only the x86_64 std, and Debian's rustc in /usr with the
/// aarch64 std (see the brief). Each test uses a fresh search so that caches do not carry over.
/// </summary>
public sealed class RustToolchainResolverTests : IDisposable
{
    private static readonly RustTarget Arm64 = RustTarget.Parse("aarch64-unknown-linux-gnu.2.26");
    private static readonly RustTarget X86_64 = RustTarget.Parse("x86_64-unknown-linux-gnu");
    private static readonly RustToolchainRequest NoInstall = new(AllowRustupInstall: false);

    private readonly RecordingLogger _logger = new();
    private readonly TestDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A search over this process's environment with <paramref name="overrides"/> on top, RUSTC unset unless given.</summary>
    private static RustToolchainSearch Search(IReadOnlyList<string>? systemRustcPaths = null, params (string Name, string? Value)[] overrides)
    {
        var environment = new Dictionary<string, string?> { ["RUSTC"] = null };
        foreach (var (name, value) in overrides)
            environment[name] = value;
        return new RustToolchainSearch(new EnvironmentView(environment), systemRustcPaths ?? RustToolchainSearch.DefaultSystemRustcPaths);
    }

    private static (string Name, string Directory) RustupActiveToolchain()
    {
        var rustup = TestTools.Require("rustup");
        var (_, active, _) = TestTools.Run(rustup, ["show", "active-toolchain"]);
        var name = active.Trim().Split(' ')[0];
        var (_, sysroot, _) = TestTools.Run(rustup, ["run", name, "rustc", "--print", "sysroot"]);
        return (name, sysroot.Trim());
    }

    private static IReadOnlyList<string> RustupToolchainNames()
    {
        var (_, list, _) = TestTools.Run(TestTools.Require("rustup"), ["toolchain", "list"]);
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ')[0]).ToList();
    }

    [Fact]
    public async Task Arm64_resolves_to_the_debian_rustc_with_RUSTC_pointing_at_it()
    {
        TestTools.Require("/usr/bin/rustc");

        var toolchain = await RustToolchainResolver.ResolveAsync(Arm64, NoInstall, _logger, Search(), CancellationToken.None);

        Assert.Equal("/usr/bin/rustc", toolchain.Rustc);
        Assert.Equal("/usr/bin/cargo", toolchain.Cargo);
        Assert.Equal("/usr", toolchain.Sysroot);
        Assert.Equal("/usr/bin/rustc", toolchain.Environment["RUSTC"]);
        Assert.DoesNotContain("RUSTUP_TOOLCHAIN", toolchain.Environment.Keys);
        Assert.Matches(@"^\d+\.\d+\.\d+", toolchain.Version);
        Assert.NotEmpty(Directory.GetFiles("/usr/lib/rustlib/aarch64-unknown-linux-gnu/lib", "libstd-*.rlib"));
        Assert.Contains(_logger.Messages(LogLevel.Information), m => m.Contains("system rustc /usr/bin/rustc") && m.Contains("aarch64-unknown-linux-gnu"));
    }

    [Fact]
    public async Task X86_64_resolves_to_rustups_active_toolchain()
    {
        var (name, directory) = RustupActiveToolchain();

        var toolchain = await RustToolchainResolver.ResolveAsync(X86_64, NoInstall, _logger, Search(), CancellationToken.None);

        Assert.Equal(name, toolchain.Environment["RUSTUP_TOOLCHAIN"]);
        Assert.Equal(Path.Combine(directory, "bin", "rustc"), toolchain.Rustc);
        Assert.Equal(toolchain.Rustc, toolchain.Environment["RUSTC"]);
        Assert.Equal(Path.Combine(directory, "bin", "cargo"), toolchain.Cargo);
        Assert.Equal($"rustup toolchain '{name}'", toolchain.Description);
    }

    [Fact]
    public async Task Public_entry_point_resolves_from_the_process_environment()
    {
        var toolchain = await RustToolchainResolver.ResolveAsync(Arm64, NoInstall, _logger);

        Assert.True(File.Exists(toolchain.Rustc));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(toolchain.Sysroot, "lib", "rustlib", "aarch64-unknown-linux-gnu", "lib"), "libstd-*.rlib"));
        Assert.Equal(toolchain.Rustc, toolchain.Environment["RUSTC"]);
    }

    [Fact]
    public async Task Requested_rustc_without_the_std_is_an_error_with_the_fixes_not_a_fallback()
    {
        var rustupRustc = Path.Combine(RustupActiveToolchain().Directory, "bin", "rustc");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            RustToolchainResolver.ResolveAsync(Arm64, new RustToolchainRequest(RustcPath: rustupRustc), _logger, Search(), CancellationToken.None));

        Assert.Contains(rustupRustc, error.Problem);
        Assert.Contains("RustcPath", error.Problem);
        Assert.Contains("aarch64-unknown-linux-gnu", error.Problem);
        Assert.DoesNotContain(".2.26", error.Message);
        Assert.Contains("`rustup target add aarch64-unknown-linux-gnu`", error.Fix);
        Assert.Contains("dpkg --add-architecture arm64 && apt-get update && apt-get install rustc-web cargo-web libstd-rust-web-dev:arm64", error.Fix);
        Assert.Contains("./build.sh Setup", error.Fix);
    }

    [Fact]
    public async Task Requested_rustc_with_the_std_is_used_with_the_cargo_next_to_it()
    {
        var toolchain = await RustToolchainResolver.ResolveAsync(Arm64, new RustToolchainRequest(RustcPath: "/usr/bin/rustc"), _logger, Search(), CancellationToken.None);

        Assert.Equal("/usr/bin/cargo", toolchain.Cargo);
        Assert.Equal("/usr/bin/rustc", toolchain.Environment["RUSTC"]);
        Assert.Contains("RustcPath", toolchain.Description);
    }

    [Fact]
    public async Task Requested_rustc_that_does_not_exist_is_an_error_naming_it()
    {
        var missing = _temp.Combine("bin", "rustc");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            RustToolchainResolver.ResolveAsync(X86_64, new RustToolchainRequest(RustcPath: missing), _logger, Search(), CancellationToken.None));

        Assert.Contains($"'{missing}' (RustcPath setting) does not exist", error.Problem);
    }

    [Fact]
    public async Task Requested_cargo_that_does_not_exist_is_an_error_naming_it()
    {
        var missing = _temp.Combine("bin", "cargo");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            RustToolchainResolver.ResolveAsync(Arm64, new RustToolchainRequest(CargoPath: missing, AllowRustupInstall: false), _logger, Search(), CancellationToken.None));

        Assert.Contains($"'{missing}' (CargoPath setting) does not exist", error.Problem);
    }

    [Fact]
    public async Task Requesting_both_a_toolchain_and_a_rustc_is_an_error_naming_both()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            RustToolchainResolver.ResolveAsync(X86_64, new RustToolchainRequest(Toolchain: "stable", RustcPath: "/usr/bin/rustc"), _logger, Search(), CancellationToken.None));

        Assert.Contains("'stable', Toolchain setting", error.Problem);
        Assert.Contains("'/usr/bin/rustc', RustcPath setting", error.Problem);
    }

    [Fact]
    public async Task Requested_toolchain_without_the_std_is_an_error_and_not_replaced_by_another()
    {
        var (name, _) = RustupActiveToolchain();
        var shortName = name.Split('-')[0];

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            RustToolchainResolver.ResolveAsync(Arm64, new RustToolchainRequest(Toolchain: "+" + shortName, AllowRustupInstall: false), _logger, Search(), CancellationToken.None));

        Assert.Contains($"rustup toolchain '{name}' (Toolchain setting)", error.Problem);
        Assert.Contains("no standard library for aarch64-unknown-linux-gnu", error.Problem);
        Assert.Contains($"`rustup target add --toolchain {name} aarch64-unknown-linux-gnu`", error.Fix);
    }

    [Fact]
    public async Task Requested_toolchain_that_is_not_installed_is_an_error_listing_the_installed_ones()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            RustToolchainResolver.ResolveAsync(X86_64, new RustToolchainRequest(Toolchain: "1.2.3"), _logger, Search(), CancellationToken.None));

        Assert.Contains("'1.2.3' (Toolchain setting) is not installed", error.Problem);
        foreach (var installed in RustupToolchainNames())
            Assert.Contains(installed, error.Problem);
        Assert.Contains("rustup toolchain install 1.2.3", error.Fix);
    }

    [Fact]
    public async Task Target_whose_std_exists_nowhere_is_an_error_listing_every_candidate_checked()
    {
        var musl = RustTarget.Parse("aarch64-unknown-linux-musl");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            RustToolchainResolver.ResolveAsync(musl, NoInstall, _logger, Search(), CancellationToken.None));

        Assert.Contains("No Rust toolchain on this machine has the standard library for aarch64-unknown-linux-musl", error.Problem);
        foreach (var installed in RustupToolchainNames())
            Assert.Contains($"rustup toolchain '{installed}'", error.Problem);
        Assert.Contains("system rustc /usr/bin/rustc", error.Problem);
        Assert.Contains("/usr/lib/rustlib/aarch64-unknown-linux-musl/lib", error.Problem);
        Assert.Contains("`rustup target add aarch64-unknown-linux-musl`", error.Fix);
        Assert.Contains("no musl std", error.Fix);
    }

    [Fact]
    public async Task Linked_rustup_toolchain_that_has_the_std_is_chosen_through_rustup()
    {
        var rustupHome = _temp.Combine("rustup home");
        Directory.CreateDirectory(rustupHome);
        var (exit, _, linkError) = TestTools.Run(TestTools.Require("rustup"), ["toolchain", "link", "debian", "/usr"],
            new Dictionary<string, string?> { ["RUSTUP_HOME"] = rustupHome });
        Assert.True(exit == 0, linkError);

        var toolchain = await RustToolchainResolver.ResolveAsync(Arm64, NoInstall, _logger,
            Search([], ("RUSTUP_HOME", rustupHome), ("RUSTUP_TOOLCHAIN", null)), CancellationToken.None);

        Assert.Equal("rustup toolchain 'debian'", toolchain.Description);
        Assert.Equal("debian", toolchain.Environment["RUSTUP_TOOLCHAIN"]);
        Assert.Equal("/usr/bin/rustc", toolchain.Environment["RUSTC"]);
        Assert.Equal("/usr/bin/cargo", toolchain.Cargo);
    }

    [Fact]
    public async Task RUSTC_from_the_environment_is_used_when_it_has_the_std()
    {
        var toolchain = await RustToolchainResolver.ResolveAsync(X86_64, NoInstall, _logger, Search(null, ("RUSTC", "/usr/bin/rustc")), CancellationToken.None);

        Assert.Equal("/usr/bin/rustc", toolchain.Rustc);
        Assert.Equal("rustc from RUSTC=/usr/bin/rustc", toolchain.Description);
    }

    [Fact]
    public async Task RUSTC_from_the_environment_without_the_std_is_replaced_and_the_user_is_warned()
    {
        var rustupRustc = Path.Combine(RustupActiveToolchain().Directory, "bin", "rustc");

        var toolchain = await RustToolchainResolver.ResolveAsync(Arm64, NoInstall, _logger, Search(null, ("RUSTC", rustupRustc)), CancellationToken.None);

        Assert.Equal("/usr/bin/rustc", toolchain.Environment["RUSTC"]);
        Assert.Contains(_logger.Messages(LogLevel.Warning), m => m.Contains($"RUSTC={rustupRustc}") && m.Contains("no standard library for aarch64-unknown-linux-gnu"));
    }

    [Fact]
    public async Task Rustup_target_add_is_not_tried_when_a_toolchain_here_has_the_std()
    {
        var toolchain = await RustToolchainResolver.ResolveAsync(Arm64, new RustToolchainRequest(), _logger, Search(), CancellationToken.None);

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(toolchain.Sysroot, "lib", "rustlib", "aarch64-unknown-linux-gnu", "lib"), "libstd-*.rlib"));
        Assert.DoesNotContain(_logger.Messages(LogLevel.Information), m => m.Contains("trying `rustup target add`"));
    }

    [Fact]
    public async Task Rustup_target_add_is_tried_once_per_process_when_no_toolchain_has_the_std()
    {
        var search = Search();
        var musl = new RustTarget(LambdaArchitecture.Arm64, TargetAbi.Musl);

        await Assert.ThrowsAsync<LambdaRustException>(() => RustToolchainResolver.ResolveAsync(musl, new RustToolchainRequest(), _logger, search, CancellationToken.None));
        // A different request is not answered from the result cache, so the search runs again.
        await Assert.ThrowsAsync<LambdaRustException>(() => RustToolchainResolver.ResolveAsync(musl, new RustToolchainRequest(CargoPath: "cargo"), _logger, search, CancellationToken.None));

        Assert.Single(_logger.Messages(LogLevel.Information), m => m.Contains("trying `rustup target add`"));
    }

    [Fact]
    public async Task Same_request_is_answered_from_the_cache()
    {
        var search = Search();

        var first = await RustToolchainResolver.ResolveAsync(X86_64, NoInstall, _logger, search, CancellationToken.None);
        var second = await RustToolchainResolver.ResolveAsync(X86_64, NoInstall, _logger, search, CancellationToken.None);

        Assert.Same(first, second);
    }

    [Fact]
    public void Fixes_for_a_native_x86_64_target_need_no_foreign_architecture()
    {
        var fixes = RustToolchainResolver.MissingStdFixes(X86_64);

        Assert.Contains("`rustup target add x86_64-unknown-linux-gnu`", fixes);
        Assert.Contains(LambdaArchitectures.Host == LambdaArchitecture.X86_64 ? "apt-get install rustc-web cargo-web libstd-rust-web-dev`" : "libstd-rust-web-dev:amd64", fixes);
    }
}
