using System.Collections;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Toolchain;

namespace Build.Benchmarks;

/// <summary>
/// The scripts our builds are compared with: the same cargo, rustc, zig linker wrappers (at the same paths, so cargo's
/// fingerprints match and a warm run stays warm for both) and <c>--config</c> values as ours, then a copy and
/// <c>zip -X</c> per function — what a user would write by hand.
/// </summary>
internal sealed class RawBuilds(ZigInstallation zig, string wrapperStore, ILogger logger)
{
    private static readonly Version Glibc = new(2, 34); // provided.al2023, the default runtime

    /// <summary>cargo-lambda's release optimizations, the values our build passes (Tools/ReleaseOptimizations).</summary>
    public static IReadOnlyList<string> ReleaseConfig(LambdaArchitecture architecture) =>
    [
        "profile.release.strip=\"symbols\"", "profile.release.lto=\"thin\"", "profile.release.codegen-units=1", "profile.release.panic=\"abort\"",
        $"build.rustflags=[\"-C\",\"target-cpu={(architecture == LambdaArchitecture.Arm64 ? "neoverse-n1" : "haswell")}\"]",
    ];

    /// <summary>The cargo and environment our build uses for <paramref name="architecture"/>, with the zig wrappers written where ours go.</summary>
    public async Task<(string Cargo, IReadOnlyDictionary<string, string?> Environment)> ToolchainAsync(
        LambdaArchitecture architecture, string targetDirectory, CancellationToken cancellationToken)
    {
        var target = new RustTarget(architecture, TargetAbi.Gnu, Glibc);
        var toolchain = await RustToolchainResolver.ResolveAsync(target, new RustToolchainRequest(), logger, cancellationToken);
        var wrapperDirectory = Path.Combine(targetDirectory, "lambda-rust", "zig-wrappers");
        var wrappers = ZigLinkerWrapper.Write(zig, target, wrapperDirectory, HostPlatforms.Current);
        // Kept aside: a cold run deletes the target folder, and the script puts them back (same paths, same content) first.
        var store = StoreFor(targetDirectory);
        Directory.CreateDirectory(store);
        foreach (var file in Directory.EnumerateFiles(wrapperDirectory))
            File.Copy(file, Path.Combine(store, Path.GetFileName(file)), overwrite: true);
        var environment = new Dictionary<string, string?>(toolchain.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in ZigEnvironment.For(target, wrappers, ProcessEnvironment(), HostTriple()))
            environment[name] = value;
        return (toolchain.Cargo, environment);
    }

    /// <summary>
    /// The one-invocation script: one <c>cargo build --bins</c> for every architecture (the first architecture's cargo,
    /// which must have every target's std), then copy and zip each binary.
    /// </summary>
    public async Task<string> OneInvocationAsync(string script, string manifest, string targetDirectory, IReadOnlyList<string> bins,
        IReadOnlyList<LambdaArchitecture> architectures, bool release, CancellationToken cancellationToken)
    {
        var (cargo, _) = await ToolchainAsync(architectures[0], targetDirectory, cancellationToken);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var architecture in architectures)
        {
            foreach (var (name, value) in (await ToolchainAsync(architecture, targetDirectory, cancellationToken)).Environment)
                environment.TryAdd(name, value);
        }

        var raw = NewScript(targetDirectory).Export(environment);
        raw.Run([cargo, "build", "--quiet", "--manifest-path", manifest, "--bins", .. architectures.SelectMany(a => new[] { "--target", Triple(a) }),
            .. release ? ["--release", .. ConfigArguments(architectures)] : Array.Empty<string>()]);
        Zips(raw, targetDirectory, bins, architectures, release);
        return raw.Write(script);
    }

    /// <summary>The script of one <c>cargo build --bins</c> per architecture, each with that architecture's toolchain (as ours builds).</summary>
    public async Task<string> PerArchitectureAsync(string script, string manifest, string targetDirectory, IReadOnlyList<string> bins,
        IReadOnlyList<LambdaArchitecture> architectures, bool release, CancellationToken cancellationToken)
    {
        var toolchains = await ToolchainsAsync(architectures, targetDirectory, cancellationToken);

        var raw = NewScript(targetDirectory);
        foreach (var (architecture, cargo, environment) in toolchains)
        {
            raw.Run(["env", .. EnvironmentWords(environment),
                cargo, "build", "--quiet", "--manifest-path", manifest, "--bins", "--target", Triple(architecture),
                .. release ? ["--release", .. ReleaseConfig(architecture).SelectMany(c => new[] { "--config", c })] : Array.Empty<string>()]);
        }

        Zips(raw, targetDirectory, bins, architectures, release);
        return raw.Write(script);
    }

    /// <summary>The naive loop: for each function and architecture, <c>cargo build --bin X</c>, copy, zip.</summary>
    public async Task<string> NaiveLoopAsync(string script, string manifest, string targetDirectory, IReadOnlyList<string> bins,
        IReadOnlyList<LambdaArchitecture> architectures, CancellationToken cancellationToken)
    {
        var toolchains = await ToolchainsAsync(architectures, targetDirectory, cancellationToken);

        var raw = NewScript(targetDirectory);
        foreach (var (architecture, cargo, environment) in toolchains)
        {
            foreach (var bin in bins)
            {
                raw.Run(["env", .. EnvironmentWords(environment),
                    cargo, "build", "--quiet", "--manifest-path", manifest, "--bin", bin, "--target", Triple(architecture)]);
                raw.CopyAndZip(Binary(targetDirectory, architecture, bin, release: false), Output(targetDirectory, architecture, bin));
            }
        }

        return raw.Write(script);
    }

    /// <summary>Each architecture's cargo and environment, as our build resolves them.</summary>
    private async Task<List<(LambdaArchitecture Architecture, string Cargo, IReadOnlyDictionary<string, string?> Environment)>> ToolchainsAsync(
        IReadOnlyList<LambdaArchitecture> architectures, string targetDirectory, CancellationToken cancellationToken)
    {
        var toolchains = new List<(LambdaArchitecture Architecture, string Cargo, IReadOnlyDictionary<string, string?> Environment)>();
        foreach (var architecture in architectures)
        {
            var (cargo, environment) = await ToolchainAsync(architecture, targetDirectory, cancellationToken);
            toolchains.Add((architecture, cargo, environment));
        }

        return toolchains;
    }

    /// <summary>A script that first puts the zig wrappers back where our build writes them.</summary>
    private RawScript NewScript(string targetDirectory)
    {
        var store = StoreFor(targetDirectory);
        var destination = Path.Combine(targetDirectory, "lambda-rust", "zig-wrappers");
        return new RawScript().Run("mkdir", "-p", destination)
            .Run(["cp", "-p", .. Directory.EnumerateFiles(store).Order(StringComparer.Ordinal), destination]);
    }

    private string StoreFor(string targetDirectory) =>
        Path.Combine(wrapperStore, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(targetDirectory)))[..12]);

    /// <summary><c>env</c>'s words for the changes: <c>-u NAME</c> for a removed variable, <c>NAME=value</c> otherwise.</summary>
    private static IEnumerable<string> EnvironmentWords(IReadOnlyDictionary<string, string?> environment) =>
        environment.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value is null ? new[] { "-u", e.Key } : [$"{e.Key}={e.Value}"]);

    public static string Triple(LambdaArchitecture architecture) => new RustTarget(architecture).Triple;

    private static IEnumerable<string> ConfigArguments(IReadOnlyList<LambdaArchitecture> architectures) =>
        architectures.Count == 1
            ? ReleaseConfig(architectures[0]).SelectMany(c => new[] { "--config", c })
            // build.rustflags is one for all targets: per target, target-cpu goes into target.<triple>.rustflags.
            : ReleaseConfig(architectures[0]).Take(4).Concat(architectures.Select(a =>
                    $"target.{Triple(a)}.rustflags=[\"-C\",\"target-cpu={(a == LambdaArchitecture.Arm64 ? "neoverse-n1" : "haswell")}\"]"))
                .SelectMany(c => new[] { "--config", c });

    private static void Zips(RawScript raw, string targetDirectory, IReadOnlyList<string> bins, IReadOnlyList<LambdaArchitecture> architectures, bool release)
    {
        foreach (var architecture in architectures)
        {
            foreach (var bin in bins)
                raw.CopyAndZip(Binary(targetDirectory, architecture, bin, release), Output(targetDirectory, architecture, bin));
        }
    }

    private static string Binary(string targetDirectory, LambdaArchitecture architecture, string bin, bool release) =>
        Path.Combine(targetDirectory, Triple(architecture), release ? "release" : "debug", bin);

    private static string Output(string targetDirectory, LambdaArchitecture architecture, string bin) =>
        Path.Combine(targetDirectory, "raw-lambda", architecture.ToLambdaName(), bin);

    private static Dictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    private static string HostTriple() => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64-unknown-linux-gnu" : "x86_64-unknown-linux-gnu";
}
