using System.Text;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// How to start a bootstrap the way Lambda does: Lambda's environment variables, the bootstrap's folder as working
/// directory (Lambda's <c>/var/task</c>), and <c>qemu-&lt;arch&gt;</c> in front when the architecture is not the host's.
/// </summary>
internal static class BootstrapLaunch
{
    /// <summary>Builds the invocation; <paramref name="environment"/> reads this process's environment (a seam for tests).</summary>
    public static ToolInvocation Create(
        string bootstrapPath,
        LambdaArchitecture architecture,
        string runtimeApiAddress,
        string functionName,
        Func<string, string?> environment,
        LambdaArchitecture? host)
    {
        var bootstrap = Path.GetFullPath(bootstrapPath);
        var variables = new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApiAddress,
            ["AWS_LAMBDA_FUNCTION_NAME"] = functionName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128",
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{functionName}",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = $"{DateTime.UtcNow:yyyy/MM/dd}/[$LATEST]{Guid.NewGuid():N}",
            ["AWS_REGION"] = LocalRuntimeApi.Region,
            ["AWS_DEFAULT_REGION"] = LocalRuntimeApi.Region,
            ["LAMBDA_TASK_ROOT"] = Path.GetDirectoryName(bootstrap),
            ["_HANDLER"] = "bootstrap",
            ["TZ"] = ":UTC",
        };

        if (host is null)
        {
            throw new LambdaRustException(
                $"Cannot run the {architecture.ToLambdaName()} bootstrap '{bootstrap}': this machine's architecture is neither arm64 nor x86_64.",
                "Invoke it on an arm64 or x86_64 Linux machine.");
        }

        if (host == architecture)
            return new ToolInvocation(bootstrap, []) { WorkingDirectory = Path.GetDirectoryName(bootstrap), Environment = variables };

        var emulator = FindEmulator(architecture, host.Value, environment);
        // Debian's libc6:<arch> is found without help; the cross libc (libc6-<arch>-cross) needs the prefix.
        var loaderPrefix = $"/usr/{architecture.ToRustArch()}-linux-gnu";
        if (string.IsNullOrEmpty(environment("QEMU_LD_PREFIX")) && Directory.Exists(loaderPrefix))
            variables["QEMU_LD_PREFIX"] = loaderPrefix;
        return new ToolInvocation(emulator, [bootstrap]) { WorkingDirectory = Path.GetDirectoryName(bootstrap), Environment = variables };
    }

    /// <summary><c>QEMU_AARCH64</c> (or <c>QEMU_X86_64</c>) when set, else <c>qemu-aarch64</c> on PATH.</summary>
    internal static string FindEmulator(LambdaArchitecture architecture, LambdaArchitecture host, Func<string, string?> environment)
    {
        var name = $"qemu-{architecture.ToRustArch()}";
        var variable = $"QEMU_{architecture.ToRustArch().ToUpperInvariant()}";
        var install = $"Install QEMU's user-mode emulators (Debian/Ubuntu: apt-get install qemu-user; Fedora: dnf install qemu-user) so that {name} is on PATH";

        var configured = environment(variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new LambdaRustException(
                    $"{variable} is set to '{configured}', which does not exist; it should point to {name} to run {architecture.ToLambdaName()} bootstraps on this {host.ToLambdaName()} machine.",
                    $"{install}, then set {variable} to its path or unset {variable}.");
        }

        return new EnvironmentView(new Dictionary<string, string?> { ["PATH"] = environment("PATH") }).FindOnPath(name)
            ?? throw new LambdaRustException(
                $"Running a {architecture.ToLambdaName()} bootstrap on this {host.ToLambdaName()} machine needs {name}, which is not on PATH.",
                $"{install}, or set {variable} to its path.");
    }

    /// <summary>A Lambda function name derived from the bootstrap's path (<c>target/lambda/hello/bootstrap</c> -> <c>hello</c>).</summary>
    internal static string FunctionNameFor(string bootstrapPath)
    {
        var full = Path.GetFullPath(bootstrapPath);
        var name = Path.GetFileName(full) == "bootstrap"
            ? Path.GetFileName(Path.GetDirectoryName(full)) ?? ""
            : Path.GetFileNameWithoutExtension(full);
        var cleaned = new StringBuilder();
        foreach (var c in name.Take(64))
            cleaned.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        return cleaned.Length > 0 ? cleaned.ToString() : "function";
    }
}
