using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Host;

/// <summary>What a target's action (and condition) gets: parameters, a logger, the root directory, and the run's shared state.</summary>
public sealed class TargetContext
{
    private readonly ParameterValues _parameters;
    private readonly RunState _run;
    private readonly List<string> _notes = [];

    internal TargetContext(string targetName, string rootDirectory, ILogger logger, ParameterValues parameters, RunState run)
    {
        TargetName = targetName;
        RootDirectory = rootDirectory;
        Logger = logger;
        _parameters = parameters;
        _run = run;
    }

    /// <summary>The target being run.</summary>
    public string TargetName { get; }

    /// <summary>The build's root: <c>--root</c>, else the nearest folder upward holding <c>.nuke</c>, else the current directory.</summary>
    public string RootDirectory { get; }

    /// <summary>Writes to the build output, filtered by <c>--verbosity</c>.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// The run's one instance of <typeparamref name="T"/>, made on first use by the factory registered with
    /// <see cref="TargetGraph.AddShared{T}"/>: how targets pass typed results on (the Lambda targets share their
    /// <see cref="Pipeline.LambdaPipeline"/> this way; see <see cref="LambdaTargets.Pipeline"/>).
    /// </summary>
    /// <exception cref="LambdaRustException">No factory for <typeparamref name="T"/> is registered.</exception>
    public T Shared<T>()
        where T : class => _run.Get<T>(this);

    /// <summary>True when the target named <paramref name="target"/> runs in this build (it is planned and not skipped).</summary>
    public bool WillRun(string target) => _run.WillRun(target);

    /// <summary>What followed a bare <c>--</c> on the command line, for the tool a target runs (our targets give it to cargo).</summary>
    public IReadOnlyList<string> PassThroughArguments => _run.PassThrough;

    /// <summary>
    /// A parameter's value as <typeparamref name="T"/> (<see cref="string"/>, <see cref="bool"/>, <see cref="int"/>,
    /// an enum matched by letters and digits, or nullable forms); <c>default</c> when unset without a default.
    /// </summary>
    /// <exception cref="LambdaRustException">No such parameter, it is a list, or its value does not convert.</exception>
    public T? Get<T>(string name) => _parameters.Get<T>(name);

    /// <summary>A list parameter's values (a single parameter gives zero or one item).</summary>
    /// <exception cref="LambdaRustException">No such parameter, or a value does not convert.</exception>
    public IReadOnlyList<T> GetList<T>(string name) => _parameters.GetList<T>(name);

    /// <summary>True when the command line, an environment variable or parameters.json set the parameter (not its default).</summary>
    /// <exception cref="LambdaRustException">No such parameter.</exception>
    public bool IsSet(string name) => _parameters.IsSet(name);

    /// <summary>Adds a short note shown beside the target in the summary, e.g. <c>3 zips, 4.2 MB</c>.</summary>
    public void Note(string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
            _notes.Add(text.Trim());
    }

    internal ParameterValues Parameters => _parameters;

    internal string? Notes => _notes.Count == 0 ? null : string.Join("; ", _notes);
}
