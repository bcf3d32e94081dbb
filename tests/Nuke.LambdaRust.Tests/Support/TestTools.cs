using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Sdk;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>
/// Finds and runs the real tools the tests need. A missing tool fails the test with what to install; it never skips.
/// </summary>
internal static class TestTools
{
    private const string Apt = "apt-get install";
    private const string Rustup = "Install Rust with rustup (https://rustup.rs).";
    /// <summary>How to install Debian's Rust (/usr/bin/rustc, /usr/bin/cargo) with the aarch64 standard library.</summary>
    public const string DebianRust =
        "Install Debian's Rust with the aarch64 std: dpkg --add-architecture arm64 && apt-get update && " + Apt + " rustc-web cargo-web libstd-rust-web-dev:arm64.";

    // What to install for each tool (by name, or by full path for the Debian toolchain, which is not rustup's).
    private static readonly Dictionary<string, string> Installs = new()
    {
        ["zipinfo"] = $"Install unzip ({Apt} unzip).",
        ["unzip"] = $"Install unzip ({Apt} unzip).",
        ["python3"] = $"Install python3 ({Apt} python3).",
        ["sha256sum"] = $"Install coreutils ({Apt} coreutils).",
        ["mkfifo"] = $"Install coreutils ({Apt} coreutils).",
        ["chattr"] = $"Install e2fsprogs ({Apt} e2fsprogs).",
        ["readelf"] = $"Install binutils ({Apt} binutils).",
        ["aarch64-linux-gnu-gcc"] = $"Install the AArch64 cross compiler ({Apt} gcc-aarch64-linux-gnu libc6-dev-arm64-cross).",
        ["aarch64-linux-gnu-as"] = $"Install the AArch64 cross binutils ({Apt} binutils-aarch64-linux-gnu).",
        ["aarch64-linux-gnu-ld"] = $"Install the AArch64 cross binutils ({Apt} binutils-aarch64-linux-gnu).",
        ["x86_64-linux-gnu-as"] = $"Install the x86-64 binutils ({Apt} binutils-x86-64-linux-gnu).",
        ["x86_64-linux-gnu-ld"] = $"Install the x86-64 binutils ({Apt} binutils-x86-64-linux-gnu).",
        ["qemu-aarch64"] = $"Install QEMU's user-mode emulators ({Apt} qemu-user).",
        ["rustup"] = Rustup,
        ["cargo"] = Rustup,
        ["rustc"] = Rustup,
        ["/usr/bin/rustc"] = DebianRust,
        ["/usr/bin/cargo"] = DebianRust,
    };

    /// <summary>
    /// The full path of the executable <paramref name="name"/>: on PATH, in $CARGO_HOME/bin or in ~/.cargo/bin; or, for a
    /// full path, that file. Fails the test with the apt/rustup install hint when it is missing.
    /// </summary>
    public static string Require(string name)
    {
        if (Path.IsPathRooted(name))
            return Existing(name, InstallHint(name));

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetEnvironmentVariable("CARGO_HOME") ?? Path.Combine(home, ".cargo"), "bin"))
            .Append(Path.Combine(home, ".cargo", "bin"));
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
               ?? throw FailException.ForFailure($"'{name}' is required by this test but is not on PATH (nor in ~/.cargo/bin). {InstallHint(name)}");
    }

    /// <summary>An existing file or folder the test needs; else fails the test with <paramref name="install"/>.</summary>
    public static string Existing(string path, string install) =>
        File.Exists(path) || Directory.Exists(path)
            ? path
            : throw FailException.ForFailure($"'{path}' is required by this test but does not exist. {install}");

    /// <summary>
    /// zig 0.11+: from env ZIG, env CARGO_ZIGBUILD_ZIG_PATH, the repository's provisioned tools folder
    /// (<c>.nuke/temp/tools/zig</c>, filled by <c>./build.sh Setup</c>), or <c>zig</c> on PATH. Fails the test otherwise.
    /// </summary>
    public static string Zig()
    {
        var provisioned = ToolchainProvisioner.ProvisionedZigCandidates(Path.Combine(ExampleWorkspace.RepositoryRoot(), ".nuke", "temp", "tools"));
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "zig"));
        string?[] candidates = [Environment.GetEnvironmentVariable("ZIG"), Environment.GetEnvironmentVariable("CARGO_ZIGBUILD_ZIG_PATH"), .. provisioned, .. onPath];
        return candidates.FirstOrDefault(path => !string.IsNullOrWhiteSpace(path) && File.Exists(path))
               ?? throw FailException.ForFailure(
                   $"zig is required by this test but was not found (env ZIG, env CARGO_ZIGBUILD_ZIG_PATH, {string.Join(", ", provisioned)}, PATH). " +
                   "Run ./build.sh Setup, or set ZIG to a zig 0.11+ executable.");
    }

    /// <summary>
    /// Runs the real tool <paramref name="name"/> (found by <see cref="Require"/>) to its end and returns its standard output
    /// lines; a non-zero exit fails the test with the tool's error output.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string name, params string[] arguments) =>
        (await ProcessRunner.RunAsync(new ToolInvocation(Require(name), arguments), NullLogger.Instance)).StandardOutput;

    /// <summary>Runs <c>python3 -c</c> with a script and arguments; returns its standard output lines.</summary>
    public static Task<IReadOnlyList<string>> PythonAsync(string script, params string[] arguments) =>
        RunAsync("python3", ["-c", script, .. arguments]);

    /// <summary>
    /// Runs a process to its end and returns what it did, whatever its exit code (for tests about exit codes and error
    /// output). A null value in <paramref name="environment"/> removes the variable.
    /// </summary>
    public static (int ExitCode, string Output, string Error) Run(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Writes a script with LF line endings (creating its folders), makes it executable (0755) and returns its path.</summary>
    public static string WriteExecutable(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private static string InstallHint(string name) => Installs.GetValueOrDefault(name, $"Install '{Path.GetFileName(name)}' and put it on PATH.");
}
