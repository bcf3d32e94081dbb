namespace Nuke.LambdaRust.Pipeline;

public static partial class LambdaParameters
{
    /// <summary>Names of Invoke's parameters.</summary>
    public const string Event = "Event", Data = "Data", Timeout = "Timeout", Env = "Env";

    /// <summary>The default of <see cref="Timeout"/>, in seconds.</summary>
    public const int DefaultTimeoutSeconds = 30;

    /// <summary>What Invoke sends the function, and how long it waits.</summary>
    public static IReadOnlyList<ParameterDefinition> Invocation { get; } =
    [
        new(Event, "Invoke: JSON files to send the function, in order") { IsList = true, PrefixedEnvironmentOnly = true },
        new(Data, "Invoke: events as JSON text, sent after the --event files, in order") { IsList = true, PrefixedEnvironmentOnly = true },
        new(Timeout, "Invoke: seconds each event may take (a cold start included); then the bootstrap is killed")
            { Type = ParameterType.Integer, Default = DefaultTimeoutSeconds, PrefixedEnvironmentOnly = true },
        new(Env, "Invoke: the function's environment variables, as NAME=VALUE") { IsList = true, PrefixedEnvironmentOnly = true },
    ];
}
