using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// cargo-lambda's release optimizations as cargo <c>--config</c> values: small, fast binaries for Lambda.
/// A key the workspace's own <c>[profile.release]</c> sets is left to the user, and so are the symbols of a release
/// profile that asks for debug info.
/// </summary>
internal static class ReleaseOptimizations
{
    /// <summary>The <c>--config</c> values for one architecture, minus the keys the user set.</summary>
    public static IReadOnlyList<string> ConfigValues(LambdaArchitecture architecture, ReleaseProfile profile)
    {
        var values = new List<string>();
        void Add(string key, string value)
        {
            if (!profile.Keys.Contains(key))
                values.Add($"profile.release.{key}={value}");
        }

        if (!profile.KeepsDebugInfo)
            Add("strip", "\"symbols\"");
        Add("lto", "\"thin\"");
        Add("codegen-units", "1");
        Add("panic", "\"abort\"");
        values.Add($"build.rustflags=[\"-C\",\"target-cpu={TargetCpu(architecture)}\"]");
        return values;
    }

    /// <summary>Graviton2 for arm64 (runs on Graviton2 and newer); Haswell for x86_64 (every Lambda x86_64 host has AVX2).</summary>
    public static string TargetCpu(LambdaArchitecture architecture) =>
        architecture == LambdaArchitecture.Arm64 ? "neoverse-n1" : "haswell";

    /// <summary>
    /// The environment variable that makes cargo ignore <c>build.rustflags</c> when building for <paramref name="target"/>,
    /// if one is set: cargo takes the first of <c>CARGO_ENCODED_RUSTFLAGS</c>, <c>RUSTFLAGS</c> and
    /// <c>target.&lt;triple&gt;.rustflags</c> (here <c>CARGO_TARGET_&lt;TRIPLE&gt;_RUSTFLAGS</c>) before <c>build.rustflags</c>.
    /// </summary>
    public static string? RustflagsOverride(IReadOnlyDictionary<string, string?> environment, RustTarget target) =>
        new[] { "CARGO_ENCODED_RUSTFLAGS", "RUSTFLAGS", $"CARGO_TARGET_{target.EnvironmentKey}_RUSTFLAGS" }.FirstOrDefault(name =>
            environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value));
}
