using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Runtime;

/// <summary>Fluent setters of <see cref="InvokeSettings"/>.</summary>
public static class InvokeSettingsExtensions
{
    /// <summary>Invokes this zip or bare bootstrap.</summary>
    public static InvokeSettings SetPackagePath(this InvokeSettings s, string? path) => s with { PackagePath = path };

    /// <summary>Invokes what Package wrote: its file, architecture and function name.</summary>
    public static InvokeSettings SetPackage(this InvokeSettings s, LambdaPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return s with { PackagePath = package.Path, Architecture = package.Architecture, FunctionName = package.Name };
    }

    /// <summary>Runs the bootstrap as this architecture (under qemu when it is not the host's).</summary>
    public static InvokeSettings SetArchitecture(this InvokeSettings s, LambdaArchitecture? architecture) => s with { Architecture = architecture };

    /// <summary>Reads the architecture from the bootstrap's ELF header.</summary>
    public static InvokeSettings ResetArchitecture(this InvokeSettings s) => s with { Architecture = null };

    /// <summary>Names the function.</summary>
    public static InvokeSettings SetFunctionName(this InvokeSettings s, string? name) => s with { FunctionName = name };

    /// <summary>Adds events given as JSON text, after the ones already there.</summary>
    /// <exception cref="LambdaRustException">A text is not JSON.</exception>
    public static InvokeSettings AddEvents(this InvokeSettings s, params string[] json) =>
        s with { Events = [.. s.Events, .. json.Select((text, index) => InvokeEvent.FromJson(text, $"event {s.Events.Count + index + 1}"))] };

    /// <summary>Adds events, after the ones already there.</summary>
    public static InvokeSettings AddEvents(this InvokeSettings s, IEnumerable<InvokeEvent> events) => s with { Events = [.. s.Events, .. events] };

    /// <summary>Adds events read from JSON files, after the ones already there.</summary>
    /// <exception cref="LambdaRustException">A file is missing or not JSON.</exception>
    public static InvokeSettings AddEventFiles(this InvokeSettings s, params string[] paths) => s with { Events = [.. s.Events, .. paths.Select(InvokeEvent.FromFile)] };

    /// <summary>Removes every event.</summary>
    public static InvokeSettings ClearEvents(this InvokeSettings s) => s with { Events = [] };

    /// <summary>Gives each event this long.</summary>
    public static InvokeSettings SetTimeout(this InvokeSettings s, TimeSpan? timeout) => s with { Timeout = timeout };

    /// <summary>Gives each event the default 30 seconds.</summary>
    public static InvokeSettings ResetTimeout(this InvokeSettings s) => s with { Timeout = null };

    /// <summary>Tells the function it has this much memory (MB).</summary>
    public static InvokeSettings SetMemorySize(this InvokeSettings s, int? megabytes) => s with { MemorySize = megabytes };

    /// <summary>Runs the function in this region.</summary>
    public static InvokeSettings SetRegion(this InvokeSettings s, string? region) => s with { Region = region };

    /// <summary>Sets one of the function's environment variables.</summary>
    public static InvokeSettings SetEnvironmentVariable(this InvokeSettings s, string name, string value) =>
        s with { Environment = new Dictionary<string, string>(s.Environment) { [name] = value } };

    /// <summary>Sets several of the function's environment variables.</summary>
    public static InvokeSettings AddEnvironmentVariables(this InvokeSettings s, IReadOnlyDictionary<string, string> variables)
    {
        var merged = new Dictionary<string, string>(s.Environment);
        foreach (var (name, value) in variables)
            merged[name] = value;
        return s with { Environment = merged };
    }

    /// <summary>Gives the function no environment variables of its own.</summary>
    public static InvokeSettings ClearEnvironmentVariables(this InvokeSettings s) => s with { Environment = new Dictionary<string, string>() };

    /// <summary>Sends output to this logger.</summary>
    public static InvokeSettings SetLogger(this InvokeSettings s, ILogger? logger) => s with { Logger = logger };
}
