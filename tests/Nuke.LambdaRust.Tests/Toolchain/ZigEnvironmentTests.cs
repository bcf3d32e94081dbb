using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

public sealed class ZigEnvironmentTests
{
    private static readonly ZigWrapperSet Wrappers = new("/w/zigcc.sh", "/w/zigcxx.sh", "/w/zigar.sh", "/w/zigranlib.sh", "/w/cmake.cmake");
    private static readonly IReadOnlyDictionary<string, string?> Nothing = new Dictionary<string, string?>();
    private const string X86Host = "x86_64-unknown-linux-gnu";

    [Fact]
    public void Cross_target_gets_linker_cc_rs_tools_cmake_toolchain_and_bindgen_arguments_and_nothing_else()
    {
        var environment = ZigEnvironment.For(RustTarget.Parse("aarch64-unknown-linux-gnu.2.26"), Wrappers, Nothing, X86Host, "-nostdinc -isystem /z/include");

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER"] = "/w/zigcc.sh",
                ["CC_aarch64_unknown_linux_gnu"] = "/w/zigcc.sh",
                ["CXX_aarch64_unknown_linux_gnu"] = "/w/zigcxx.sh",
                ["AR_aarch64_unknown_linux_gnu"] = "/w/zigar.sh",
                ["RANLIB_aarch64_unknown_linux_gnu"] = "/w/zigranlib.sh",
                ["CMAKE_TOOLCHAIN_FILE_aarch64_unknown_linux_gnu"] = "/w/cmake.cmake",
                ["BINDGEN_EXTRA_CLANG_ARGS_aarch64_unknown_linux_gnu"] = "-nostdinc -isystem /z/include",
            },
            environment.OrderBy(v => v.Key).ToDictionary());
    }

    [Theory]
    [InlineData("CMAKE_TOOLCHAIN_FILE_aarch64_unknown_linux_gnu")]
    [InlineData("CMAKE_TOOLCHAIN_FILE_aarch64-unknown-linux-gnu")]
    [InlineData("TARGET_CMAKE_TOOLCHAIN_FILE")]
    [InlineData("CMAKE_TOOLCHAIN_FILE")]
    public void A_cmake_toolchain_file_the_user_set_under_any_name_the_cmake_crate_reads_is_left_alone(string name)
    {
        var user = new Dictionary<string, string?> { [name] = "/home/me/toolchain.cmake" };

        var environment = ZigEnvironment.For(RustTarget.Parse("aarch64-unknown-linux-gnu"), Wrappers, user, X86Host);

        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("CMAKE_TOOLCHAIN_FILE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BINDGEN_EXTRA_CLANG_ARGS_aarch64_unknown_linux_gnu")]
    [InlineData("BINDGEN_EXTRA_CLANG_ARGS_aarch64-unknown-linux-gnu")]
    [InlineData("BINDGEN_EXTRA_CLANG_ARGS")]
    public void Bindgen_arguments_the_user_set_are_left_alone(string name)
    {
        var user = new Dictionary<string, string?> { [name] = "-I/mine" };

        var environment = ZigEnvironment.For(RustTarget.Parse("aarch64-unknown-linux-gnu"), Wrappers, user, X86Host, "-nostdinc");

        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("BINDGEN", StringComparison.Ordinal));
    }

    [Fact]
    public void Variables_the_user_set_under_either_spelling_are_left_alone()
    {
        var user = new Dictionary<string, string?>
        {
            ["CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER"] = "aarch64-linux-gnu-gcc",
            ["CC_aarch64_unknown_linux_gnu"] = "clang",
            ["CXX_aarch64-unknown-linux-gnu"] = "clang++",
            ["AR_aarch64_unknown_linux_gnu"] = "", // empty counts as unset
        };

        var environment = ZigEnvironment.For(RustTarget.Parse("aarch64-unknown-linux-gnu"), Wrappers, user, X86Host);

        Assert.Equal(["AR_aarch64_unknown_linux_gnu", "CMAKE_TOOLCHAIN_FILE_aarch64_unknown_linux_gnu", "RANLIB_aarch64_unknown_linux_gnu"], environment.Keys.Order());
    }

    [Fact]
    public void Host_equal_to_target_keeps_build_scripts_and_proc_macros_on_the_host_linker()
    {
        var environment = ZigEnvironment.For(RustTarget.Parse("x86_64-unknown-linux-gnu.2.26"), Wrappers, Nothing, X86Host);

        Assert.Equal("/w/zigcc.sh", environment["CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER"]);
        Assert.Equal("false", environment["CARGO_TARGET_APPLIES_TO_HOST"]);
        Assert.Equal("true", environment["CARGO_UNSTABLE_TARGET_APPLIES_TO_HOST"]);
        Assert.Equal("nightly", environment["__CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS"]);
    }

    [Fact]
    public void User_who_sets_target_applies_to_host_keeps_control_of_it()
    {
        var user = new Dictionary<string, string?> { ["CARGO_TARGET_APPLIES_TO_HOST"] = "true" };

        var environment = ZigEnvironment.For(RustTarget.Parse("x86_64-unknown-linux-gnu"), Wrappers, user, X86Host);

        Assert.DoesNotContain("CARGO_TARGET_APPLIES_TO_HOST", environment.Keys);
        Assert.DoesNotContain("CARGO_UNSTABLE_TARGET_APPLIES_TO_HOST", environment.Keys);
        Assert.DoesNotContain("__CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS", environment.Keys);
        Assert.Equal("/w/zigcc.sh", environment["CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER"]);
    }

    [Fact]
    public void Musl_target_on_a_gnu_host_is_a_cross_target()
    {
        var environment = ZigEnvironment.For(RustTarget.Parse("x86_64-unknown-linux-musl"), Wrappers, Nothing, X86Host);

        Assert.Equal("/w/zigcc.sh", environment["CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_LINKER"]);
        Assert.DoesNotContain("CARGO_TARGET_APPLIES_TO_HOST", environment.Keys);
    }
}
