using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

// The wrappers run here as POSIX scripts; Windows' form is checked by content only.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ZigLinkerWrapperTests : IDisposable
{
    private static readonly RustTarget Arm64Al2 = RustTarget.Parse("aarch64-unknown-linux-gnu.2.26");
    private static readonly string[] FilteredAway =
        ["--target=aarch64-unknown-linux-gnu", "-Wl,--no-undefined-version", "-Wl,-znostart-stop-gc", "-Wl,--fix-cortex-a53-843419", "-Wl,-plugin-opt=O3"];

    private readonly TestDirectory _temp = new("dir with spaces");

    public void Dispose() => _temp.Dispose();

    // A stand-in for zig that prints its arguments one per line, and the lines of any @response file (which the
    // wrapper deletes afterwards, so it must be read while zig runs).
    private string FakeZig(string script = "") => TestTools.WriteExecutable(_temp.Combine("fake zig", "zig"),
        """
        #!/bin/sh
        for a do
            printf 'ARG:%s\n' "$a"
            case $a in
                @*) while IFS= read -r l || [ -n "$l" ]; do printf 'RSP:%s\n' "$l"; done < "${a#@}" ;;
            esac
        done
        """ + script);

    private static ZigInstallation Installation(string fileName, params string[] prefix) => new(fileName, prefix, new Version(0, 11, 0), "test");

    [Fact]
    public void Linux_cc_wrapper_runs_zig_cc_with_the_zig_target_and_passes_arguments_only_as_a_list()
    {
        var script = ZigLinkerWrapper.RenderCc(Installation("/opt/zig it's/zig"), Arm64Al2, HostPlatform.Linux);

        Assert.StartsWith("#!/bin/sh\n", script);
        Assert.Contains("'/opt/zig it'\\''s/zig' 'cc' -target 'aarch64-linux-gnu.2.26' -g -fno-sanitize=all \"$@\"\n", script);
        Assert.DoesNotContain("eval", script);
        Assert.DoesNotContain("\r", script);
        Assert.DoesNotContain("$*", script);
    }

    [Fact]
    public void Linux_cc_wrapper_holds_every_filter_rule_for_arguments_and_response_file_lines()
    {
        var script = ZigLinkerWrapper.RenderCc(Installation("/zig"), Arm64Al2, HostPlatform.Linux);

        Assert.Contains("--target=*|-Wl,--no-undefined-version|-Wl,-znostart-stop-gc|-Wl,--fix-cortex-a53-843419|-Wl,-plugin-opt*) return 1 ;;", script);
        Assert.Contains("-lgcc_s) zig_arg=-lunwind ;;", script);
        Assert.Contains("""-Wl,--undefined=*) zig_arg="-Wl,-u,${1#-Wl,--undefined=}" ;;""", script);
        foreach (var rule in new[] { "'/^--target=/d'", "'/^-Wl,--no-undefined-version$/d'", "'/^-Wl,-znostart-stop-gc$/d'", "'/^-Wl,--fix-cortex-a53-843419$/d'", "'/^-Wl,-plugin-opt/d'", "'s/^-lgcc_s$/-lunwind/'", "'s/^-Wl,--undefined=/-Wl,-u,/'" })
            Assert.Contains(rule, script);
    }

    [Fact]
    public void MacOS_wrappers_are_the_same_posix_scripts_as_on_Linux()
    {
        var zig = Installation("/usr/local/bin/zig");

        Assert.Equal(ZigLinkerWrapper.RenderCc(zig, Arm64Al2, HostPlatform.Linux), ZigLinkerWrapper.RenderCc(zig, Arm64Al2, HostPlatform.MacOS));
        Assert.Equal(ZigLinkerWrapper.RenderCxx(zig, Arm64Al2, HostPlatform.Linux), ZigLinkerWrapper.RenderCxx(zig, Arm64Al2, HostPlatform.MacOS));
        Assert.Contains("'/usr/local/bin/zig' 'c++' -target 'aarch64-linux-gnu.2.26'", ZigLinkerWrapper.RenderCxx(zig, Arm64Al2, HostPlatform.MacOS));
    }

    [Fact]
    public void Archiver_wrappers_exec_zig_ar_and_ranlib_with_the_arguments_unchanged()
    {
        var zig = Installation("/usr/bin/python3", "-m", "ziglang");

        Assert.Contains("exec '/usr/bin/python3' '-m' 'ziglang' 'ar' \"$@\"\n", ZigLinkerWrapper.RenderAr(zig, Arm64Al2, HostPlatform.Linux));
        Assert.Contains("exec '/usr/bin/python3' '-m' 'ziglang' 'ranlib' \"$@\"\n", ZigLinkerWrapper.RenderRanlib(zig, Arm64Al2, HostPlatform.Linux));
    }

    [Fact]
    public void Windows_cc_wrapper_is_a_powershell_script_with_the_same_filters_fed_from_the_raw_command_line()
    {
        var script = ZigLinkerWrapper.RenderCc(Installation(@"C:\Tools\zig o'neil\zig.exe"), Arm64Al2, HostPlatform.Windows);

        Assert.Contains(@"$zig = 'C:\Tools\zig o''neil\zig.exe'", script);
        Assert.Contains("$zigArguments = @('cc', '-target', 'aarch64-linux-gnu.2.26', '-g', '-fno-sanitize=all')", script);
        Assert.Contains("$argument.StartsWith('--target=', [StringComparison]::Ordinal)", script);
        Assert.Contains("$argument -ceq '-Wl,--no-undefined-version'", script);
        Assert.Contains("$argument -ceq '-Wl,-znostart-stop-gc'", script);
        Assert.Contains("$argument -ceq '-Wl,--fix-cortex-a53-843419'", script);
        Assert.Contains("$argument.StartsWith('-Wl,-plugin-opt', [StringComparison]::Ordinal)", script);
        Assert.Contains("if ($argument -ceq '-lgcc_s') { return '-lunwind' }", script);
        Assert.Contains("return '-Wl,-u,' + $argument.Substring('-Wl,--undefined='.Length)", script);
        Assert.Contains("[IO.File]::ReadAllLines($file)", script);
        Assert.Contains("[Environment]::CommandLine", script);
        Assert.Contains("& $zig @zigArguments \"@$responseFile\"", script);
        Assert.DoesNotContain("Invoke-Expression", script);
        Assert.DoesNotContain("iex ", script);
        Assert.DoesNotContain(script.Split("\r\n"), line => !line.TrimStart().StartsWith('#') && line.Contains("$args"));
        Assert.DoesNotContain("\n", script.Replace("\r\n", ""));
    }

    [Fact]
    public void Windows_launcher_starts_the_script_of_the_same_name_with_its_arguments_after_the_marker()
    {
        var launcher = ZigLinkerWrapper.RenderWindowsLauncher();
        var script = ZigLinkerWrapper.RenderAr(Installation(@"C:\zig\zig.exe"), Arm64Al2, HostPlatform.Windows);

        Assert.StartsWith("@echo off\r\n", launcher);
        Assert.Contains("""-ExecutionPolicy Bypass -File "%~dpn0.ps1" ::nuke-lambdarust-arguments:: %*""", launcher);
        Assert.Contains("exit /b %ERRORLEVEL%", launcher);
        Assert.Contains("$marker = '::nuke-lambdarust-arguments::'", script);
        Assert.Contains("$zigArguments = @('ar')", script);
        Assert.Contains("& $zig @zigArguments @arguments", script);
    }

    [Fact]
    public void Write_creates_owner_only_executable_scripts_named_by_tool_target_and_content_hash()
    {
        var wrappers = ZigLinkerWrapper.Write(Installation("/zig"), Arm64Al2, _temp.Combine("cache"), HostPlatform.Linux);

        Assert.Matches(@"/zigcc-aarch64-linux-gnu\.2\.26-[0-9a-f]{8}\.sh$", wrappers.Cc);
        Assert.Matches(@"/zigcxx-aarch64-linux-gnu\.2\.26-[0-9a-f]{8}\.sh$", wrappers.Cxx);
        Assert.Matches(@"/zigar-aarch64-linux-gnu\.2\.26-[0-9a-f]{8}\.sh$", wrappers.Ar);
        Assert.Matches(@"/zigranlib-aarch64-linux-gnu\.2\.26-[0-9a-f]{8}\.sh$", wrappers.Ranlib);
        Assert.Equal(wrappers.Cc, wrappers.Linker);
        foreach (var path in new[] { wrappers.Cc, wrappers.Cxx, wrappers.Ar, wrappers.Ranlib })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        Assert.Matches(@"/cmake-aarch64-linux-gnu\.2\.26-[0-9a-f]{8}\.cmake$", wrappers.CmakeToolchainFile);
        Assert.Equal(5, Directory.GetFiles(_temp.Combine("cache")).Length); // no temporary file left behind
    }

    [Fact]
    public void The_cmake_toolchain_file_cross_compiles_with_the_wrappers_for_the_targets_processor()
    {
        var wrappers = ZigLinkerWrapper.Write(Installation("/zig"), Arm64Al2, _temp.Combine("cache"), HostPlatform.Linux);

        var lines = File.ReadAllLines(wrappers.CmakeToolchainFile);

        Assert.Contains("set(CMAKE_SYSTEM_NAME Linux)", lines);
        Assert.Contains("set(CMAKE_SYSTEM_PROCESSOR aarch64)", lines);
        Assert.Contains($"set(CMAKE_C_COMPILER \"{wrappers.Cc}\")", lines);
        Assert.Contains($"set(CMAKE_CXX_COMPILER \"{wrappers.Cxx}\")", lines);
        Assert.Contains($"set(CMAKE_AR \"{wrappers.Ar}\")", lines);
        Assert.Contains($"set(CMAKE_RANLIB \"{wrappers.Ranlib}\")", lines);
        Assert.Contains("set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)", lines);
        Assert.Contains("set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)", lines);
    }

    [Fact]
    public void Unchanged_wrapper_is_not_rewritten_so_its_mtime_stays()
    {
        var cache = _temp.Combine("cache");
        var first = ZigLinkerWrapper.Write(Installation("/zig"), Arm64Al2, cache, HostPlatform.Linux);
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first.Cc, old);

        var second = ZigLinkerWrapper.Write(Installation("/zig"), Arm64Al2, cache, HostPlatform.Linux);

        Assert.Equal(first, second);
        Assert.Equal(old, File.GetLastWriteTimeUtc(second.Cc));
    }

    [Fact]
    public void Wrapper_whose_file_was_damaged_is_rewritten()
    {
        var cache = _temp.Combine("cache");
        var wrappers = ZigLinkerWrapper.Write(Installation("/zig"), Arm64Al2, cache, HostPlatform.Linux);
        File.WriteAllText(wrappers.Cc, "#!/bin/sh\nexit 1\n");

        ZigLinkerWrapper.Write(Installation("/zig"), Arm64Al2, cache, HostPlatform.Linux);

        Assert.Equal(ZigLinkerWrapper.RenderCc(Installation("/zig"), Arm64Al2, HostPlatform.Linux), File.ReadAllText(wrappers.Cc));
    }

    [Fact]
    public void Different_glibc_or_zig_gets_a_different_wrapper_file()
    {
        var cache = _temp.Combine("cache");
        var al2 = ZigLinkerWrapper.Write(Installation("/zig"), Arm64Al2, cache, HostPlatform.Linux);
        var al2023 = ZigLinkerWrapper.Write(Installation("/zig"), RustTarget.Parse("aarch64-unknown-linux-gnu.2.34"), cache, HostPlatform.Linux);
        var otherZig = ZigLinkerWrapper.Write(Installation("/other/zig"), Arm64Al2, cache, HostPlatform.Linux);

        Assert.NotEqual(al2.Cc, al2023.Cc);
        Assert.Contains("-target 'aarch64-linux-gnu.2.34'", File.ReadAllText(al2023.Cc));
        Assert.NotEqual(al2.Cc, otherZig.Cc);
        Assert.True(File.Exists(al2.Cc));
    }

    [Fact]
    public void Windows_wrappers_are_cmd_launchers_next_to_their_powershell_scripts()
    {
        var wrappers = ZigLinkerWrapper.Write(Installation(@"C:\zig\zig.exe"), Arm64Al2, _temp.Combine("cache"), HostPlatform.Windows);

        Assert.Matches(@"zigcc-aarch64-linux-gnu\.2\.26-[0-9a-f]{8}\.cmd$", wrappers.Cc);
        Assert.Equal(ZigLinkerWrapper.RenderWindowsLauncher(), File.ReadAllText(wrappers.Cc));
        Assert.Equal(ZigLinkerWrapper.RenderCc(Installation(@"C:\zig\zig.exe"), Arm64Al2, HostPlatform.Windows), File.ReadAllText(Path.ChangeExtension(wrappers.Cc, ".ps1")));
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(Path.ChangeExtension(wrappers.Cc, ".ps1")).Take(3)); // for Windows PowerShell 5.1
        Assert.Equal((byte)'@', File.ReadAllBytes(wrappers.Cc)[0]);
        Assert.Equal(ZigLinkerWrapper.RenderRanlib(Installation(@"C:\zig\zig.exe"), Arm64Al2, HostPlatform.Windows), File.ReadAllText(Path.ChangeExtension(wrappers.Ranlib, ".ps1")));
    }

    [Fact]
    public void Sh_wrapper_drops_and_rewrites_arguments_and_passes_the_rest_verbatim()
    {
        var wrappers = ZigLinkerWrapper.Write(Installation(FakeZig()), Arm64Al2, _temp.Combine("cache"), HostPlatform.Linux);
        var canary = _temp.Combine("canary");
        string[] kept = ["-m64", "/path with spaces/a.o", $"$(touch {canary})", $"`touch {canary}`;x", "*", "", "it's \"quoted\" \\ back"];

        var (exit, output, error) = TestTools.Run(wrappers.Cc, [.. FilteredAway, "-lgcc_s", "-Wl,--undefined=my_symbol", .. kept]);

        Assert.True(exit == 0, error);
        var arguments = Lines(output, "ARG:");
        Assert.Equal(["cc", "-target", "aarch64-linux-gnu.2.26", "-g", "-fno-sanitize=all", "-lunwind", "-Wl,-u,my_symbol", .. kept], arguments);
        Assert.False(File.Exists(canary));
    }

    [Fact]
    public void Sh_wrapper_filters_response_file_lines_requotes_them_for_zig_and_removes_its_copy()
    {
        var wrappers = ZigLinkerWrapper.Write(Installation(FakeZig()), Arm64Al2, _temp.Combine("cache"), HostPlatform.Linux);
        var responseFile = _temp.Combine("linker-arguments");
        // As rustc writes it for a gcc-like linker: one argument per line, "\" and " " escaped with a backslash.
        File.WriteAllLines(responseFile,
        [
            "--target=x86_64-unknown-linux-gnu", "-Wl,--no-undefined-version", "-Wl,-znostart-stop-gc", "-Wl,--fix-cortex-a53-843419",
            "-Wl,-plugin-opt=mcpu=neoverse-n1", "-lgcc_s", "-Wl,--undefined=other_symbol", "plain.o", @"/dir\ with\ space/b.o",
            @"C:\\odd\\path", @"ends\\", "say\"hi\"", "#hash",
        ]);

        var (exit, output, error) = TestTools.Run(wrappers.Cc, ["-m64", "@" + responseFile, "-o", "out"]);

        Assert.True(exit == 0, error);
        var arguments = Lines(output, "ARG:");
        Assert.Equal(["cc", "-target", "aarch64-linux-gnu.2.26", "-g", "-fno-sanitize=all", "-m64"], arguments.Take(6));
        var copy = arguments[6];
        Assert.StartsWith("@", copy);
        Assert.NotEqual("@" + responseFile, copy);
        Assert.Equal(["-o", "out"], arguments.Skip(7));
        Assert.Equal(
            ["-lunwind", "-Wl,-u,other_symbol", "plain.o", "\"/dir with space/b.o\"", @"""C:\odd\path""", @"""ends\\""", @"""say\""hi\""""", "\"#hash\""],
            Lines(output, "RSP:"));
        Assert.False(File.Exists(copy[1..]));
        Assert.False(Directory.Exists(Path.GetDirectoryName(copy[1..])));
    }

    [Fact]
    public void Sh_wrapper_puts_zigs_prefix_arguments_before_the_subcommand()
    {
        var wrappers = ZigLinkerWrapper.Write(Installation(FakeZig(), "-m", "ziglang"), Arm64Al2, _temp.Combine("cache"), HostPlatform.Linux);

        var (_, cc, _) = TestTools.Run(wrappers.Cc, ["x.o"]);
        var (_, ar, _) = TestTools.Run(wrappers.Ar, ["crs", "lib x.a", "--target=kept-for-ar"]);

        Assert.Equal(["-m", "ziglang", "cc", "-target", "aarch64-linux-gnu.2.26", "-g", "-fno-sanitize=all", "x.o"], Lines(cc, "ARG:"));
        Assert.Equal(["-m", "ziglang", "ar", "crs", "lib x.a", "--target=kept-for-ar"], Lines(ar, "ARG:"));
    }

    [Fact]
    public void Sh_wrapper_exits_with_zigs_exit_code()
    {
        var wrappers = ZigLinkerWrapper.Write(Installation(FakeZig("\nexit 3\n")), Arm64Al2, _temp.Combine("cache"), HostPlatform.Linux);

        var (exit, _, _) = TestTools.Run(wrappers.Cc, ["x.o"]);

        Assert.Equal(3, exit);
    }

    [Fact]
    public async Task Real_zig_compiles_and_links_from_the_response_file_the_wrapper_requoted()
    {
        var zig = new ZigInstallation(TestTools.Zig(), [], new Version(0, 11, 0), "test");
        var target = RustTarget.Parse("x86_64-unknown-linux-gnu.2.17");
        var wrappers = ZigLinkerWrapper.Write(zig, target, _temp.Combine("cache"), HostPlatform.Linux);
        var source = _temp.Write("hello world.c", "#include <stdio.h>\nint main(void) { puts(\"linked by zig\"); return 0; }\n");
        var program = _temp.Combine("hello out");
        var responseFile = _temp.Combine("args.rsp");
        string Escape(string path) => path.Replace("\\", "\\\\").Replace(" ", "\\ ");
        File.WriteAllLines(responseFile, [Escape(source), "-o", Escape(program), "-Wl,--no-undefined-version", "--target=x86_64-unknown-linux-gnu", "-Wl,--undefined=main"]);

        var (exit, _, error) = TestTools.Run(wrappers.Cc, ["@" + responseFile]);

        Assert.True(exit == 0, error);
        var glibc = (await ReadElf.RunAsync(program)).NewestGlibc;
        Assert.True(glibc is not null && glibc <= new Version(2, 17), $"needs GLIBC_{glibc}");
        Assert.Equal("linked by zig\n", TestTools.Run(program, []).Output);
    }

    private static List<string> Lines(string output, string prefix) =>
        output.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();
}
