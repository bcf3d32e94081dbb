using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Elf;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// Invokes a packaged function locally, as Lambda would: unpacks it into a temporary task root, starts its bootstrap in
/// Lambda's environment (under qemu for a foreign architecture) and sends it the events in order. Everything that can
/// be checked is checked before anything starts; the temporary folder and every process are gone when it returns.
/// </summary>
internal static partial class LambdaInvoker
{
    private const int MinimumMemory = 128, MaximumMemory = 10240;

    public static async Task<InvokeReport> InvokeAsync(InvokeSettings settings, CancellationToken cancellationToken)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        var package = CheckedPackage(settings);
        var functionName = settings.FunctionName ?? BootstrapLaunch.FunctionNameFor(package);
        var timeout = settings.Timeout ?? BootstrapRunner.DefaultTimeout;
        Check(settings, functionName, timeout);

        using var sandbox = SandboxDirectory.Create(package);
        var architecture = ArchitectureOf(sandbox.Bootstrap, package, settings.Architecture);
        var options = new SandboxOptions(sandbox.Bootstrap, architecture, functionName)
        {
            RuntimeDirectory = sandbox.RuntimeDirectory,
            Region = settings.Region ?? RegionOfThisMachine(),
            MemorySize = settings.MemorySize ?? MinimumMemory,
            Environment = settings.Environment,
        };

        logger.LogInformation("Invoking {Function} ({Architecture}) from {Package} with {Count} event(s)",
            functionName, architecture.ToLambdaName(), package, settings.Events.Count);
        var results = new List<InvocationResult>();
        await using (var session = new BootstrapSession(options, logger))
        {
            for (var index = 0; index < settings.Events.Count; index++)
            {
                var invokeEvent = settings.Events[index];
                var result = await session.InvokeAsync(invokeEvent, timeout, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                logger.Log(result.Succeeded ? LogLevel.Information : LogLevel.Error, "{Function} ({Architecture}) event {Number}/{Count} ({Event}): {Result}",
                    functionName, architecture.ToLambdaName(), index + 1, settings.Events.Count, invokeEvent.Name, result.Describe());
            }
        }

        return new InvokeReport(functionName, architecture, package, results);
    }

    private static string CheckedPackage(InvokeSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.PackagePath))
        {
            throw new LambdaRustException(
                "Nothing to invoke: no package was given.",
                "Pass what Package wrote: Invoke(s => s.SetPackage(package).AddEvents(\"{}\")), or SetPackagePath(\".../bootstrap.zip\").");
        }

        var package = Path.GetFullPath(settings.PackagePath);
        if (!File.Exists(package))
        {
            throw new LambdaRustException(
                Directory.Exists(package) ? $"The package '{package}' is a folder, not a bootstrap.zip." : $"The package '{package}' does not exist.",
                "Package the function first (target Package, or LambdaRustTasks.Package), then invoke the bootstrap.zip (or bare bootstrap) it wrote.");
        }

        return package;
    }

    private static void Check(InvokeSettings settings, string functionName, TimeSpan timeout)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new LambdaRustException(
                $"Invoke runs Lambda's Linux bootstraps, which cannot run on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.",
                "Invoke on Linux (a Linux CI runner, a Linux VM, or WSL on Windows).");
        }

        if (settings.Events.Count == 0)
            throw new LambdaRustException("Nothing to send: no events were given.", "Add at least one event: AddEvents(\"{}\") or AddEventFiles(\"event.json\").");
        if (timeout <= TimeSpan.Zero)
            throw new LambdaRustException($"The invocation timeout {timeout} is not positive.", "Give each event more than zero seconds, e.g. 30 (the default).");
        if (settings.MemorySize is < MinimumMemory or > MaximumMemory)
            throw new LambdaRustException($"The memory size {settings.MemorySize} MB is outside Lambda's range.", $"Use {MinimumMemory} to {MaximumMemory} MB.");
        if (!LocalRuntimeApi.IsValidFunctionName(functionName))
            throw new LambdaRustException($"'{functionName}' is not a valid Lambda function name.", "Use 1 to 64 letters, digits, '-' or '_' (SetFunctionName).");

        CheckEnvironment(settings.Environment, "InvokeSettings.Environment");
    }

    /// <summary>Refuses what Lambda refuses in a function's environment: a reserved name, or a name not of its form.</summary>
    /// <param name="environment">The function's variables.</param>
    /// <param name="origin">Where they came from, for the message (<c>--env</c>).</param>
    internal static void CheckEnvironment(IReadOnlyDictionary<string, string> environment, string origin)
    {
        foreach (var name in environment.Keys)
        {
            if (BootstrapLaunch.ReservedVariables.Contains(name))
            {
                throw new LambdaRustException(
                    $"The environment variable {name} ({origin}) is reserved by Lambda, which sets it itself; a function's configuration cannot set it.",
                    $"Leave {name} out (Lambda's reserved names: {string.Join(", ", BootstrapLaunch.ReservedVariables.Order(StringComparer.Ordinal))}).");
            }

            if (!VariableName().IsMatch(name))
            {
                throw new LambdaRustException(
                    $"'{name}' ({origin}) is not a valid environment variable name for Lambda.",
                    "Use a letter followed by letters, digits and '_' (Lambda's rule), as NAME=VALUE.");
            }
        }
    }

    /// <summary>What the bootstrap was built for; a script (<c>#!</c>) runs on this machine as it is.</summary>
    private static LambdaArchitecture ArchitectureOf(string bootstrap, string package, LambdaArchitecture? requested)
    {
        if (IsScript(bootstrap))
            return LambdaArchitectures.Host ?? requested ?? LambdaArchitecture.X86_64;

        var elf = ElfInspector.Read(bootstrap);
        if (elf.Architecture is not { } built)
        {
            throw new LambdaRustException(
                $"The bootstrap in '{package}' is a {elf.MachineName}{(elf.Is64Bit ? "" : " 32-bit")} binary, which Lambda cannot run.",
                "Build it for aarch64-unknown-linux-gnu (arm64) or x86_64-unknown-linux-gnu (x86_64), then package it again.");
        }

        if (requested is { } wanted && wanted != built)
        {
            throw new LambdaRustException(
                $"The package '{package}' holds a {built.ToLambdaName()} bootstrap, not {wanted.ToLambdaName()}: the function was not packaged for {wanted.ToLambdaName()} there.",
                $"Package it for {wanted.ToLambdaName()} (--arch {wanted.ToLambdaName()}) and invoke that package, or invoke this one as {built.ToLambdaName()}.");
        }

        return built;
    }

    private static bool IsScript(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        return stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start.SequenceEqual("#!"u8);
    }

    private static string RegionOfThisMachine() =>
        new[] { Environment.GetEnvironmentVariable("AWS_REGION"), Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") }
            .FirstOrDefault(r => !string.IsNullOrWhiteSpace(r))?.Trim() ?? LocalRuntimeApi.DefaultRegion;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
