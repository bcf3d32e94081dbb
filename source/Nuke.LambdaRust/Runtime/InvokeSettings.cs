using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// Settings for <see cref="LambdaRustTasks.Invoke(Func{InvokeSettings, InvokeSettings})"/>: one packaged function and the events
/// to send it, in order, as Lambda would send them to one sandbox.
/// </summary>
public sealed record InvokeSettings
{
    /// <summary>The package: a <c>bootstrap.zip</c> (extracted into a temporary task root) or a bare <c>bootstrap</c>.</summary>
    public string? PackagePath { get; init; }

    /// <summary>What the bootstrap was built for (decides whether it runs under qemu); read from its ELF header when null.</summary>
    public LambdaArchitecture? Architecture { get; init; }

    /// <summary>The function's name (<c>AWS_LAMBDA_FUNCTION_NAME</c>, the ARN); the package's folder name when null (<c>.../hello/bootstrap.zip</c>: <c>hello</c>).</summary>
    public string? FunctionName { get; init; }

    /// <summary>The events, delivered in this order to one running bootstrap.</summary>
    public IReadOnlyList<InvokeEvent> Events { get; init; } = [];

    /// <summary>How long each event may take, a cold start included; 30 seconds when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The memory size the function is told (<c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>), 128 to 10240 MB; 128 when null.</summary>
    public int? MemorySize { get; init; }

    /// <summary>The region (<c>AWS_REGION</c>, the ARN); this machine's <c>AWS_REGION</c> or <c>AWS_DEFAULT_REGION</c>, else <c>us-east-1</c>, when null.</summary>
    public string? Region { get; init; }

    /// <summary>The function's environment variables, as its configuration would set them (Lambda's reserved names are refused).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the responses and the function's output go; <see cref="LambdaRustTasks.Logger"/> through the tasks.</summary>
    public ILogger? Logger { get; init; }
}
