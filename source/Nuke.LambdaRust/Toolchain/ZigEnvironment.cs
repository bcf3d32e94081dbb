using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// The environment variables that make cargo link, and cc-rs compile, a target with the zig wrappers — only those the
/// user has not set already.
/// </summary>
/// <remarks>
/// <para>
/// Host equal to target (an x86_64 machine building <c>x86_64-unknown-linux-gnu</c>): cargo applies
/// <c>[target.&lt;triple&gt;]</c> settings, the linker included, to build scripts and proc-macros as well when the
/// triple is the host's (its <c>target-applies-to-host</c> defaults to true). They would then be linked by zig against
/// the Lambda glibc, so a build script needs that glibc on the build machine (it fails to start when the machine's
/// glibc is older, e.g. building for provided.al2023's 2.34 on a 2.31 system) and proc-macros, loaded into rustc,
/// carry zig's libunwind. So we switch <c>target-applies-to-host</c> off: build scripts and proc-macros use the host's
/// own C compiler, and only the Lambda binary goes through zig.
/// </para>
/// <para>
/// The setting is unstable; stable cargo accepts it only with its internal channel override
/// (<c>__CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS=nightly</c>), the same route cargo-zigbuild takes. The override
/// only lets cargo accept unstable settings. Should a future cargo drop it, the setting is ignored and host artifacts
/// are linked through the wrapper again, which still works where the host's glibc is new enough, because the wrapper
/// filters the arguments zig rejects (such as <c>-Wl,--no-undefined-version</c>, which rustc passes for proc-macros).
/// When the user sets <c>CARGO_TARGET_APPLIES_TO_HOST</c>, all three variables are left to them.
/// </para>
/// </remarks>
public static class ZigEnvironment
{
    /// <summary>The variables to set for a cargo build of <paramref name="target"/> that uses <paramref name="wrappers"/>.</summary>
    /// <param name="target">The target being built.</param>
    /// <param name="wrappers">The wrappers from <see cref="ZigLinkerWrapper.Write"/>.</param>
    /// <param name="userEnvironment">What the user's build sees already: the process environment plus the settings' variables.</param>
    /// <param name="hostTriple">The Rust triple of the build machine (<c>rustc -vV</c>'s <c>host:</c>).</param>
    /// <param name="bindgenArguments">clang arguments that point bindgen at zig's headers for the target (<see cref="ZigHeaderSearch"/>), when known.</param>
    /// <returns>Only new variables; nothing the user set is overridden.</returns>
    public static IReadOnlyDictionary<string, string?> For(
        RustTarget target,
        ZigWrapperSet wrappers,
        IReadOnlyDictionary<string, string?> userEnvironment,
        string hostTriple,
        string? bindgenArguments = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(wrappers);
        ArgumentNullException.ThrowIfNull(userEnvironment);
        ArgumentNullException.ThrowIfNull(hostTriple);

        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        bool UserSet(string name) => userEnvironment.Any(v => string.Equals(v.Key, name, comparison) && !string.IsNullOrEmpty(v.Value));

        var result = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        // cc-rs reads CC_<triple> before CC_<triple_with_underscores>; a user's value under either name wins.
        void SetUnlessUserSet(string name, string value, string? alsoUserSetAs = null)
        {
            if (!UserSet(name) && (alsoUserSetAs is null || !UserSet(alsoUserSetAs)))
                result[name] = value;
        }

        SetUnlessUserSet($"CARGO_TARGET_{target.EnvironmentKey}_LINKER", wrappers.Linker);
        SetUnlessUserSet($"CC_{target.CcKey}", wrappers.Cc, $"CC_{target.Triple}");
        SetUnlessUserSet($"CXX_{target.CcKey}", wrappers.Cxx, $"CXX_{target.Triple}");
        SetUnlessUserSet($"AR_{target.CcKey}", wrappers.Ar, $"AR_{target.Triple}");
        SetUnlessUserSet($"RANLIB_{target.CcKey}", wrappers.Ranlib, $"RANLIB_{target.Triple}");

        // The cmake crate takes the first of these it finds; any one the user set means their toolchain file.
        if (!new[] { $"CMAKE_TOOLCHAIN_FILE_{target.CcKey}", $"CMAKE_TOOLCHAIN_FILE_{target.Triple}", "TARGET_CMAKE_TOOLCHAIN_FILE", "CMAKE_TOOLCHAIN_FILE" }.Any(UserSet))
            result[$"CMAKE_TOOLCHAIN_FILE_{target.CcKey}"] = wrappers.CmakeToolchainFile;

        // bindgen reads the per-target variable, then the generic one: a user's value under either name is left alone.
        if (bindgenArguments is not null
            && !new[] { $"BINDGEN_EXTRA_CLANG_ARGS_{target.CcKey}", $"BINDGEN_EXTRA_CLANG_ARGS_{target.Triple}", "BINDGEN_EXTRA_CLANG_ARGS" }.Any(UserSet))
            result[$"BINDGEN_EXTRA_CLANG_ARGS_{target.CcKey}"] = bindgenArguments;

        if (string.Equals(target.Triple, hostTriple.Trim(), StringComparison.Ordinal) && !UserSet("CARGO_TARGET_APPLIES_TO_HOST"))
        {
            SetUnlessUserSet("CARGO_TARGET_APPLIES_TO_HOST", "false");
            SetUnlessUserSet("CARGO_UNSTABLE_TARGET_APPLIES_TO_HOST", "true");
            SetUnlessUserSet("__CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS", "nightly");
        }

        return result;
    }
}
