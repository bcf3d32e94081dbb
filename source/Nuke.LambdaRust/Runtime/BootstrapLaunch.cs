using System.Collections;
using System.Text;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// How to start a bootstrap the way Lambda does: in a clean environment holding exactly the variables Lambda defines,
/// the task root as working directory, and <c>qemu-&lt;arch&gt;</c> in front when the architecture is not the host's.
/// </summary>
internal static class BootstrapLaunch
{
    /// <summary>The variables Lambda reserves: a function's configuration cannot set them.</summary>
    /// <remarks>
    /// From "Defined runtime environment variables" in the Lambda developer guide
    /// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
    /// <c>AWS_EXECUTION_ENV</c> is not defined for OS-only runtimes (<c>provided.*</c>), so it is not set;
    /// <c>_X_AMZN_TRACE_ID</c> is the runtime's to set from <c>Lambda-Runtime-Trace-Id</c>.
    /// </remarks>
    public static IReadOnlySet<string> ReservedVariables { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ",
    };

    // Lambda's execution role credentials; ours come from this machine when it has them (never logged).
    private static readonly string[] CredentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    /// <summary>Builds the invocation of one sandbox whose Runtime API listens at <paramref name="runtimeApiAddress"/>.</summary>
    /// <exception cref="LambdaRustException">The host cannot run Lambda code, or the emulator it needs is missing.</exception>
    public static ToolInvocation Create(SandboxOptions sandbox, string runtimeApiAddress)
    {
        var bootstrap = Path.GetFullPath(sandbox.BootstrapPath);
        var taskRoot = sandbox.TaskRoot;
        var runtimeDirectory = sandbox.RuntimeDirectory ?? taskRoot;
        if (sandbox.Host is not { } host)
        {
            throw new LambdaRustException(
                $"Cannot run the {sandbox.Architecture.ToLambdaName()} bootstrap '{bootstrap}': this machine's architecture is neither arm64 nor x86_64.",
                "Invoke it on an arm64 or x86_64 Linux machine.");
        }

        // Lambda's values (same source as ReservedVariables); the unreserved LANG, PATH and LD_LIBRARY_PATH
        // are Lambda's defaults, which the function's configuration may override.
        var lambda = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LANG"] = "en_US.UTF-8",
            ["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            ["LD_LIBRARY_PATH"] = $"/lib64:/usr/lib64:{runtimeDirectory}:{runtimeDirectory}/lib:{taskRoot}:{taskRoot}/lib:/opt/lib",
        };
        foreach (var (name, value) in sandbox.Environment)
            lambda[name] = value;
        foreach (var name in CredentialVariables)
        {
            if (sandbox.HostEnvironment(name) is { Length: > 0 } credential)
                lambda[name] = credential;
        }

        lambda["AWS_LAMBDA_RUNTIME_API"] = runtimeApiAddress;
        lambda["AWS_LAMBDA_FUNCTION_NAME"] = sandbox.FunctionName;
        lambda["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        lambda["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = sandbox.MemorySize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        lambda["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
        lambda["AWS_LAMBDA_LOG_GROUP_NAME"] = $"/aws/lambda/{sandbox.FunctionName}";
        lambda["AWS_LAMBDA_LOG_STREAM_NAME"] = $"{DateTime.UtcNow:yyyy/MM/dd}/[$LATEST]{Guid.NewGuid():N}";
        lambda["AWS_REGION"] = sandbox.Region;
        lambda["AWS_DEFAULT_REGION"] = sandbox.Region;
        lambda["LAMBDA_TASK_ROOT"] = taskRoot;
        lambda["LAMBDA_RUNTIME_DIR"] = runtimeDirectory;
        lambda["_HANDLER"] = "bootstrap";
        lambda["TZ"] = ":UTC";

        // The process starts from this one's environment: every variable Lambda would not have is removed.
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry inherited in System.Environment.GetEnvironmentVariables())
            variables[(string)inherited.Key] = null;
        foreach (var (name, value) in lambda)
            variables[name] = value;

        if (host == sandbox.Architecture)
            return new ToolInvocation(bootstrap, []) { WorkingDirectory = taskRoot, Environment = variables };

        var emulator = FindEmulator(sandbox.Architecture, host, sandbox.HostEnvironment);
        // Debian's libc6:<arch> is found without help; the cross libc (libc6-<arch>-cross) needs the prefix. An argument,
        // not QEMU_LD_PREFIX, so that the function's environment stays Lambda's.
        var prefix = sandbox.HostEnvironment("QEMU_LD_PREFIX") is { Length: > 0 } configured
            ? configured
            : Directory.Exists($"/usr/{sandbox.Architecture.ToRustArch()}-linux-gnu") ? $"/usr/{sandbox.Architecture.ToRustArch()}-linux-gnu" : null;
        string[] arguments = prefix is null ? [bootstrap] : ["-L", prefix, bootstrap];
        return new ToolInvocation(emulator, arguments) { WorkingDirectory = taskRoot, Environment = variables };
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
        var name = Path.GetFileName(full) is "bootstrap" or "bootstrap.zip"
            ? Path.GetFileName(Path.GetDirectoryName(full)) ?? ""
            : Path.GetFileNameWithoutExtension(full);
        var cleaned = new StringBuilder();
        foreach (var c in name.Take(64))
            cleaned.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        return cleaned.Length > 0 ? cleaned.ToString() : "function";
    }
}
