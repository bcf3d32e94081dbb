using Nuke.Common;
using Nuke.Common.IO;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

// Each member is one of LambdaParameters.All (named by its LambdaParameterAttribute), typed the NUKE way, with the
// definition's description: NUKE's build.schema.json knows a member's type only under [Parameter] itself, so the text is
// repeated here, and a test holds every member to its definition. Relative paths follow NUKE: from the current
// directory on the command line, from the root in .nuke/parameters.json.
public partial interface IHazLambdaRust
{
    /// <summary>Architectures to build (<c>--arch arm64 x86_64</c>).</summary>
    [Parameter("Architectures to build; a list builds each (default: the project's config, else the host's)")]
    [LambdaParameter(LambdaParameters.Arch)] LambdaArch[]? Arch => TryGetValue(() => Arch);

    /// <summary>Also build for arm64.</summary>
    [Parameter("Also build for arm64 (cargo-lambda's --arm64)")]
    [LambdaParameter(LambdaParameters.Arm64)] bool? Arm64 => TryGetValue<bool?>(() => Arm64);

    /// <summary>Also build for x86_64 (<c>--x86_64</c>).</summary>
    [Parameter("Also build for x86_64 (cargo-lambda's --x86-64)")]
    [LambdaParameter(LambdaParameters.X86_64)] bool? X86_64 => TryGetValue<bool?>(() => X86_64);

    /// <summary>The workspace's <c>Cargo.toml</c> (or its folder).</summary>
    [Parameter("Path to the workspace's Cargo.toml (or its folder), relative to the root")]
    [LambdaParameter(LambdaParameters.ManifestPath)] AbsolutePath? ManifestPath => TryGetValue(() => ManifestPath);

    /// <summary>Functions to build; all when empty.</summary>
    [Parameter("Functions (binary targets) to build; all when not set")]
    [LambdaParameter(LambdaParameters.Function)] string[]? Function => TryGetValue(() => Function);

    /// <summary>Workspace packages whose functions to build.</summary>
    [Parameter("Workspace packages whose functions to build (cargo's --package, also -p); all when not set")]
    [LambdaParameter(LambdaParameters.Package)] string[]? Package => TryGetValue(() => Package);

    /// <summary>zig, cargo or cross.</summary>
    [Parameter("How to compile: zig (default), cargo or cross; CARGO_LAMBDA_COMPILER, else the project's config, when not set")]
    [LambdaParameter(LambdaParameters.Compiler)] string? Compiler => TryGetValue(() => Compiler);

    /// <summary>The release profile.</summary>
    [Parameter("Build with the release profile (with cargo-lambda's Lambda optimizations)")]
    [LambdaParameter(LambdaParameters.Release)] bool? Release => TryGetValue<bool?>(() => Release);

    /// <summary>A named cargo profile: <c>--cargo-profile</c>, as NUKE's own <c>--profile</c> loads parameter files.</summary>
    [Parameter("A named cargo profile (overrides --release)")]
    [LambdaParameter(LambdaParameters.Profile)] string? CargoProfile => TryGetValue(() => CargoProfile);

    /// <summary>The Lambda runtime.</summary>
    [Parameter("The Lambda runtime; its glibc caps what binaries may need")]
    [LambdaParameter(LambdaParameters.Runtime)] string? Runtime => TryGetValue(() => Runtime);

    /// <summary>A glibc version that overrides the runtime's.</summary>
    [Parameter("A glibc version that overrides the runtime's, 2.17 to 2.38")]
    [LambdaParameter(LambdaParameters.Glibc)] string? Glibc => TryGetValue(() => Glibc);

    /// <summary>Cargo features.</summary>
    [Parameter("Cargo features to enable")]
    [LambdaParameter(LambdaParameters.Features)] string[]? Features => TryGetValue(() => Features);

    /// <summary>The release profile exactly as the project defines it.</summary>
    [Parameter("Build the release profile exactly as the project defines it")]
    [LambdaParameter(LambdaParameters.DisableOptimizations)] bool? DisableOptimizations => TryGetValue<bool?>(() => DisableOptimizations);

    /// <summary>The zig executable.</summary>
    [Parameter("The zig executable (default: CARGO_ZIGBUILD_ZIG_PATH, ZIG, PATH, python3 -m ziglang, or the one Setup installed)")]
    [LambdaParameter(LambdaParameters.ZigPath)] AbsolutePath? ZigPath => TryGetValue(() => ZigPath);

    /// <summary>Where Setup installs zig.</summary>
    [Parameter("Where Setup installs zig (default: the per-user cache shared by every root, LAMBDA_RUST_CACHE or ~/.cache/nuke-lambdarust)")]
    [LambdaParameter(LambdaParameters.ToolsDir)] AbsolutePath? ToolsDir => TryGetValue(() => ToolsDir);

    /// <summary>cargo-lambda's <c>--context</c>.</summary>
    [Parameter("cargo-lambda's --context: the [<context>.build] table of CargoLambda.toml (also CARGO_LAMBDA_CONTEXT)")]
    [LambdaParameter(LambdaParameters.Context)] string? Context => TryGetValue(() => Context);

    /// <summary>cargo's <c>--all-features</c>.</summary>
    [Parameter("cargo's --all-features")]
    [LambdaParameter(LambdaParameters.AllFeatures)] bool? AllFeatures => TryGetValue<bool?>(() => AllFeatures);

    /// <summary>cargo's <c>--no-default-features</c>.</summary>
    [Parameter("cargo's --no-default-features")]
    [LambdaParameter(LambdaParameters.NoDefaultFeatures)] bool? NoDefaultFeatures => TryGetValue<bool?>(() => NoDefaultFeatures);

    /// <summary>cargo's <c>--locked</c>.</summary>
    [Parameter("cargo's --locked: fail when Cargo.lock needs an update")]
    [LambdaParameter(LambdaParameters.Locked)] bool? Locked => TryGetValue<bool?>(() => Locked);

    /// <summary>cargo's <c>--frozen</c>.</summary>
    [Parameter("cargo's --frozen: --locked and --offline")]
    [LambdaParameter(LambdaParameters.Frozen)] bool? Frozen => TryGetValue<bool?>(() => Frozen);

    /// <summary>cargo's <c>--offline</c>.</summary>
    [Parameter("cargo's --offline: no network")]
    [LambdaParameter(LambdaParameters.Offline)] bool? Offline => TryGetValue<bool?>(() => Offline);

    /// <summary>cargo's <c>--jobs</c>.</summary>
    [Parameter("cargo's --jobs: parallel jobs")]
    [LambdaParameter(LambdaParameters.Jobs)] int? Jobs => TryGetValue<int?>(() => Jobs);

    /// <summary>cargo's <c>--target-dir</c>.</summary>
    [Parameter("cargo's --target-dir (default: the config's target_dir, else cargo's)")]
    [LambdaParameter(LambdaParameters.TargetDir)] AbsolutePath? TargetDir => TryGetValue(() => TargetDir);

    /// <summary>Where packages go.</summary>
    [Parameter("Where packages go (default: <target dir>/lambda)")]
    [LambdaParameter(LambdaParameters.LambdaDir)] AbsolutePath? LambdaDir => TryGetValue(() => LambdaDir);

    /// <summary>cargo-lambda or by-arch.</summary>
    [Parameter("cargo-lambda: <lambda dir>/<function>/bootstrap.zip (one architecture); by-arch: <lambda dir>/<arch>/<function>/...; default: cargo-lambda for one architecture, by-arch for several")]
    [LambdaParameter(LambdaParameters.Layout)] string? Layout => TryGetValue(() => Layout);

    /// <summary>cargo-lambda's <c>--flatten</c>.</summary>
    [Parameter("The function whose bootstrap goes directly into the lambda directory (cargo-lambda's --flatten, as cargo-lambda-cdk expects)")]
    [LambdaParameter(LambdaParameters.Flatten)] string? Flatten => TryGetValue(() => Flatten);

    /// <summary>Package every binary as an extension.</summary>
    [Parameter("Package every built binary as a Lambda extension: <lambda dir>/extensions/<name>.zip")]
    [LambdaParameter(LambdaParameters.Extension)] bool? Extension => TryGetValue<bool?>(() => Extension);

    /// <summary>With <c>--extension</c>: an internal extension.</summary>
    [Parameter("With --extension: an internal extension, <name> at the zip root")]
    [LambdaParameter(LambdaParameters.Internal)] bool? Internal => TryGetValue<bool?>(() => Internal);

    /// <summary>zip or binary.</summary>
    [Parameter("zip (bootstrap.zip) or binary (bare bootstrap); the project's config, else zip")]
    [LambdaParameter(LambdaParameters.OutputFormat)] string? OutputFormat => TryGetValue(() => OutputFormat);

    /// <summary>Extra files in every zip, as <c>SRC</c> or <c>DEST:SRC</c>.</summary>
    [Parameter("Files or folders to add to every zip, as SRC or DEST:SRC, relative to the workspace root")]
    [LambdaParameter(LambdaParameters.Include)] string[]? Include => TryGetValue(() => Include);

    /// <summary>cargo-lambda's <c>--admerge</c>.</summary>
    [Parameter("cargo-lambda's --admerge: --include adds to the config's include list (and config lists to lower layers') instead of replacing it")]
    [LambdaParameter(LambdaParameters.IncludeMerge)] bool? IncludeMerge => TryGetValue<bool?>(() => IncludeMerge);

    /// <summary>Doctor/Verify rules reported without failing.</summary>
    [Parameter("Doctor/Verify rules to report without failing, on purpose (e.g. openssl-sys); see the README's rule list")]
    [LambdaParameter(LambdaParameters.Allow)] string[]? Allow => TryGetValue(() => Allow);

    /// <summary>table or json.</summary>
    [Parameter("table (the log only) or json (also writes the report to --doctor-report)")]
    [LambdaParameter(LambdaParameters.DoctorFormat)] string? DoctorFormat => TryGetValue(() => DoctorFormat);

    /// <summary>Where the Doctor's JSON report goes.</summary>
    [Parameter("Where --doctor-format json writes the Doctor's report (default: <target dir>/lambda-rust/doctor.json)")]
    [LambdaParameter(LambdaParameters.DoctorReport)] AbsolutePath? DoctorReport => TryGetValue(() => DoctorReport);

    /// <summary>Invoke: JSON files to send.</summary>
    [Parameter("Invoke: JSON files to send the function, in order")]
    [LambdaParameter(LambdaParameters.Event)] AbsolutePath[]? Event => TryGetValue(() => Event);

    /// <summary>Invoke: events as JSON text.</summary>
    [Parameter("Invoke: events as JSON text, sent after the --event files, in order")]
    [LambdaParameter(LambdaParameters.Data)] string[]? Data => TryGetValue(() => Data);

    /// <summary>Invoke: seconds per event.</summary>
    [Parameter("Invoke: seconds each event may take (a cold start included); then the bootstrap is killed")]
    [LambdaParameter(LambdaParameters.Timeout)] int? Timeout => TryGetValue<int?>(() => Timeout);

    /// <summary>Invoke: the function's environment variables, as <c>NAME=VALUE</c>.</summary>
    [Parameter("Invoke: the function's environment variables, as NAME=VALUE")]
    [LambdaParameter(LambdaParameters.Env)] string[]? Env => TryGetValue(() => Env);

    /// <summary>Release: the release folder.</summary>
    [Parameter("Release: the release folder (zips, SHA256SUMS, manifest.json), replaced as a whole; default artifacts/release")]
    [LambdaParameter(LambdaParameters.Output)] AbsolutePath? Output => TryGetValue(() => Output);

    /// <summary>Release and Matrix: only what a change since this git ref reaches.</summary>
    [Parameter("Release and Matrix: only the functions a change since this git ref reaches (their package, path dependencies, Cargo.lock entries, workspace config)")]
    [LambdaParameter(LambdaParameters.ChangedSince)] string? ChangedSince => TryGetValue(() => ChangedSince);

    /// <summary>Release: output folders of CI jobs to combine.</summary>
    [Parameter("Release: combine these Release output folders (one per CI job) into --output instead of building")]
    [LambdaParameter(LambdaParameters.Merge)] AbsolutePath[]? Merge => TryGetValue(() => Merge);

    /// <summary>Release: the event every artifact is invoked with.</summary>
    [Parameter("Release: invoke every artifact with this JSON file before the manifest is written (arm64 under qemu)")]
    [LambdaParameter(LambdaParameters.SmokeEvent)] AbsolutePath? SmokeEvent => TryGetValue(() => SmokeEvent);

    /// <summary>Release: cargo through sccache.</summary>
    [Parameter("Release: run cargo through sccache (also on when RUSTC_WRAPPER=sccache); its hits and misses go into the summary")]
    [LambdaParameter(LambdaParameters.Sccache)] bool? Sccache => TryGetValue<bool?>(() => Sccache);

    /// <summary>Matrix: the GitHub Actions step output file.</summary>
    [Parameter("Matrix: the GitHub Actions step output file to append matrix=<json> and count=<n> to (GitHub sets GITHUB_OUTPUT)")]
    [LambdaParameter(LambdaParameters.GithubOutput)] AbsolutePath? GithubOutput => TryGetValue(() => GithubOutput);
}
