using System.Globalization;
using Nuke.LambdaRust.Runtime;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial record PipelineSettings
{
    /// <summary>Invoke: JSON files to send the function, in order (relative to <see cref="RootDirectory"/>).</summary>
    public IReadOnlyList<string> EventFiles { get; init; } = [];

    /// <summary>Invoke: events as JSON text, sent after <see cref="EventFiles"/>, in order. No events at all sends one <c>{}</c>.</summary>
    public IReadOnlyList<string> EventData { get; init; } = [];

    /// <summary>Invoke: how long each event may take, a cold start included; 30 seconds when null.</summary>
    public TimeSpan? InvokeTimeout { get; init; }

    /// <summary>Invoke: the function's environment variables (Lambda's reserved names are refused).</summary>
    public IReadOnlyDictionary<string, string> InvokeEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Changes the invoke settings the pipeline derived, before it invokes (once per architecture).</summary>
    public Func<InvokeSettings, InvokeSettings>? ConfigureInvoke { get; init; }

    /// <summary>Invoke's parameters, checked: each event text is JSON, the timeout positive, each variable NAME=VALUE and not reserved.</summary>
    private PipelineSettings WithInvokeParameters(IParameterReader parameters)
    {
        var data = parameters.GetList(LambdaParameters.Data);
        for (var index = 0; index < data.Count; index++)
            InvokeEvent.FromJson(data[index], $"{parameters.Spelling(LambdaParameters.Data)} #{index + 1}");

        TimeSpan? timeout = null;
        if (parameters.Get(LambdaParameters.Timeout) is { } timeoutText)
        {
            timeout = int.TryParse(timeoutText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new LambdaRustException(
                    $"Invalid value '{timeoutText}' for {parameters.Spelling(LambdaParameters.Timeout)}: it must be a whole number of seconds above zero.",
                    $"Pass e.g. {parameters.Spelling(LambdaParameters.Timeout)} {LambdaParameters.DefaultTimeoutSeconds} (the default).");
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in parameters.GetList(LambdaParameters.Env))
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
            {
                throw new LambdaRustException(
                    $"Invalid value '{assignment}' for {parameters.Spelling(LambdaParameters.Env)}: it must be NAME=VALUE.",
                    $"Pass each variable as NAME=VALUE, e.g. {parameters.Spelling(LambdaParameters.Env)} TABLE_NAME=orders LOG_LEVEL=debug.");
            }

            environment[assignment[..equals]] = assignment[(equals + 1)..];
        }

        LambdaInvoker.CheckEnvironment(environment, parameters.Spelling(LambdaParameters.Env));
        return this with
        {
            EventFiles = parameters.GetList(LambdaParameters.Event),
            EventData = data,
            InvokeTimeout = timeout,
            InvokeEnvironment = environment,
        };
    }
}
