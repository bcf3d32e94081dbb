using System.Collections;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tests.Toolchain;

/// <summary>
/// Real cargo builds of tiny std-only crates, linked by real zig through the wrappers this layer writes, with the
/// toolchain the resolver picks. The binaries' ELF headers, glibc symbol versions and .comment sections show who
/// linked what (zig's objects carry "zig-bootstrap" in .comment; the host's gcc/cc objects do not).
/// </summary>
public sealed class ZigLinkingTests : IDisposable
{
    private readonly TestDirectory _temp = new("crate dir");
    private readonly RecordingLogger _logger = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Aarch64_binary_links_with_zig_against_glibc_2_26_using_the_debian_toolchain()
    {
        var target = RustTarget.Parse("aarch64-unknown-linux-gnu.2.26");
        WriteCrate(withBuildScriptAndProcMacro: false);

        var targetDirectory = await BuildAsync(target, ProcessEnvironment());

        var binary = Path.Combine(targetDirectory, "aarch64-unknown-linux-gnu", "debug", "hello");
        var elf = await ReadElf.RunAsync(binary);
        Assert.Equal("AArch64", elf.Machine);
        var glibc = elf.NewestGlibc;
        Assert.True(glibc is not null && glibc <= new Version(2, 26), $"{binary} needs GLIBC_{glibc}, newer than 2.26");
        Assert.Contains("zig", await ReadElf.CommentAsync(binary));
    }

    [Fact]
    public async Task Native_x86_64_build_links_the_lambda_binary_with_zig_and_build_scripts_and_proc_macros_with_the_host()
    {
        var target = RustTarget.Parse("x86_64-unknown-linux-gnu.2.26");
        WriteCrate(withBuildScriptAndProcMacro: true);

        var targetDirectory = await BuildAsync(target, ProcessEnvironment());

        var binary = Path.Combine(targetDirectory, "x86_64-unknown-linux-gnu", "debug", "hello");
        var glibc = (await ReadElf.RunAsync(binary)).NewestGlibc;
        Assert.True(glibc is not null && glibc <= new Version(2, 26), $"{binary} needs GLIBC_{glibc}, newer than 2.26");
        Assert.Contains("zig", await ReadElf.CommentAsync(binary));
        Assert.DoesNotContain("zig", await ReadElf.CommentAsync(BuildScript(targetDirectory)));
        Assert.DoesNotContain("zig", await ReadElf.CommentAsync(ProcMacro(targetDirectory)));
        Assert.Equal("hello from build.rs, answer 42\n", TestTools.Run(binary, []).Output);
    }

    [Fact]
    public async Task Native_build_whose_user_keeps_target_applies_to_host_links_proc_macros_through_the_filtering_wrapper()
    {
        // Then cargo links host artifacts with the target's linker, and rustc passes -Wl,--no-undefined-version for
        // the proc-macro, which zig 0.11 rejects unless the wrapper drops it.
        var target = RustTarget.Parse("x86_64-unknown-linux-gnu.2.26");
        WriteCrate(withBuildScriptAndProcMacro: true);
        var user = ProcessEnvironment();
        user["CARGO_TARGET_APPLIES_TO_HOST"] = "true";

        var targetDirectory = await BuildAsync(target, user);

        Assert.Contains("zig", await ReadElf.CommentAsync(BuildScript(targetDirectory)));
        Assert.Contains("zig", await ReadElf.CommentAsync(ProcMacro(targetDirectory)));
        Assert.Equal("hello from build.rs, answer 42\n", TestTools.Run(Path.Combine(targetDirectory, "x86_64-unknown-linux-gnu", "debug", "hello"), []).Output);
    }

    [Fact]
    public async Task Link_line_too_long_for_a_command_line_reaches_zig_through_the_requoted_response_file()
    {
        // 25 link arguments of 100 KB exceed Linux's 2 MB limit, so rustc writes the link line to a response file
        // (GNU escaping: the crate directory's space becomes "\ "). zig ignores -D macros when it only links, so its
        // own linker command stays short. A spy in front of the wrapper records that a response file came in.
        var target = RustTarget.Parse("aarch64-unknown-linux-gnu.2.26");
        WriteCrate(withBuildScriptAndProcMacro: false);
        var flags = Enumerable.Range(0, 25).Select(i => $"\"-Clink-arg=-DFILLER{i}={new string('x', 100_000)}\"");
        _temp.Write(".cargo/config.toml", $"[target.aarch64-unknown-linux-gnu]\nrustflags = [{string.Join(", ", flags)}]\n");
        var spyLog = _temp.Combine("spy.log");

        var targetDirectory = await BuildAsync(target, ProcessEnvironment(), wrappers => wrappers with
        {
            Cc = TestTools.WriteExecutable(_temp.Combine("spy", "cc"),
                $"#!/bin/sh\ncase $1 in @*) echo response-file >> '{spyLog}' ;; esac\nexec '{wrappers.Cc}' \"$@\"\n"),
        });

        Assert.Equal("response-file\n", File.ReadAllText(spyLog));
        var binary = Path.Combine(targetDirectory, "aarch64-unknown-linux-gnu", "debug", "hello");
        var elf = await ReadElf.RunAsync(binary);
        Assert.Equal("AArch64", elf.Machine);
        var glibc = elf.NewestGlibc;
        Assert.True(glibc is not null && glibc <= new Version(2, 26), $"{binary} needs GLIBC_{glibc}, newer than 2.26");
    }

    /// <summary>Resolves the toolchain and zig, writes the wrappers, and runs cargo build; returns the target directory.</summary>
    private async Task<string> BuildAsync(RustTarget target, Dictionary<string, string?> userEnvironment, Func<ZigWrapperSet, ZigWrapperSet>? adjust = null)
    {
        var toolchain = await RustToolchainResolver.ResolveAsync(target, new RustToolchainRequest(AllowRustupInstall: false), _logger);
        var zig = await ZigLocator.LocateAsync(TestTools.Zig(), _logger);
        var wrappers = ZigLinkerWrapper.Write(zig, target, _temp.Combine("zig wrappers"), HostPlatforms.Current);
        wrappers = adjust?.Invoke(wrappers) ?? wrappers;
        var targetDirectory = _temp.Combine("target");

        var environment = new Dictionary<string, string?>(userEnvironment.Where(v => v.Key == "CARGO_TARGET_APPLIES_TO_HOST"))
        {
            ["CARGO_TARGET_DIR"] = targetDirectory,
        };
        foreach (var (name, value) in toolchain.Environment.Concat(ZigEnvironment.For(target, wrappers, userEnvironment, HostPlatforms.HostTriple())))
            environment[name] = value;

        var invocation = new ToolInvocation(toolchain.Cargo, [.. toolchain.CargoPrefixArguments, "build", "--offline", "--target", target.Triple])
        {
            WorkingDirectory = _temp.Path,
            Environment = environment,
        };
        await ProcessRunner.RunAsync(invocation, _logger);
        return targetDirectory;
    }

    private static Dictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);

    private void WriteCrate(bool withBuildScriptAndProcMacro)
    {
        _temp.Write("Cargo.toml",
            """
            [package]
            name = "hello"
            version = "0.1.0"
            edition = "2021"

            [dependencies]

            """ + (withBuildScriptAndProcMacro ? "answer = { path = \"answer\" }\n" : ""));

        if (!withBuildScriptAndProcMacro)
        {
            _temp.Write("src/main.rs", "fn main() { println!(\"hello from aarch64\"); }\n");
            return;
        }

        _temp.Write("build.rs", "fn main() { println!(\"cargo:rustc-env=BUILT_BY=build.rs\"); }\n");
        _temp.Write("src/main.rs", "fn main() { println!(\"hello from {}, answer {}\", env!(\"BUILT_BY\"), answer::answer!()); }\n");
        _temp.Write("answer/Cargo.toml",
            """
            [package]
            name = "answer"
            version = "0.1.0"
            edition = "2021"

            [lib]
            proc-macro = true

            """);
        _temp.Write("answer/src/lib.rs",
            """
            extern crate proc_macro;
            use proc_macro::TokenStream;

            #[proc_macro]
            pub fn answer(_: TokenStream) -> TokenStream { "42".parse().unwrap() }

            """);
    }

    private static string BuildScript(string targetDirectory) =>
        Directory.GetFiles(Path.Combine(targetDirectory, "debug", "build"), "build_script_build-*", SearchOption.AllDirectories)
            .Single(f => !f.EndsWith(".d", StringComparison.Ordinal));

    private static string ProcMacro(string targetDirectory) =>
        Directory.GetFiles(Path.Combine(targetDirectory, "debug", "deps"), "libanswer-*.so").Single();
}
