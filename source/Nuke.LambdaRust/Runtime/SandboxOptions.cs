using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Runtime;

/// <summary>What a bootstrap is started with: the function Lambda would run, and where its files are.</summary>
/// <param name="BootstrapPath">The executable; its folder is the task root (Lambda's <c>/var/task</c>).</param>
/// <param name="Architecture">What it was built for.</param>
/// <param name="FunctionName">The function's name (1 to 64 letters, digits, '-' or '_').</param>
internal sealed record SandboxOptions(string BootstrapPath, LambdaArchitecture Architecture, string FunctionName)
{
    /// <summary>The task root: the folder holding the bootstrap and the zip's other files.</summary>
    public string TaskRoot => Path.GetDirectoryName(Path.GetFullPath(BootstrapPath))!;

    /// <summary>Lambda's <c>/var/runtime</c>; an empty folder of ours, or the task root when null.</summary>
    public string? RuntimeDirectory { get; init; }

    /// <summary>The region the function runs in.</summary>
    public string Region { get; init; } = LocalRuntimeApi.DefaultRegion;

    /// <summary>The memory size Lambda reports, in MB.</summary>
    public int MemorySize { get; init; } = 128;

    /// <summary>The function's own environment variables (its configuration's), on top of Lambda's unreserved ones.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads this process's environment (the emulator, credentials); a seam for tests.</summary>
    public Func<string, string?> HostEnvironment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>This machine's architecture; a seam for tests.</summary>
    public LambdaArchitecture? Host { get; init; } = LambdaArchitectures.Host;
}
