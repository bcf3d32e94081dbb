using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// One real <see cref="BuildHost"/> run in its own temporary root, with a controlled environment and captured output.
/// <see cref="Lambda"/> gives the graph our targets will have: Clean; Setup &lt;- Compile &lt;- Package. Every target records that it ran.
/// </summary>
internal sealed class BuildRun : IDisposable
{
    private readonly TestDirectory _root = new();

    public string Root => _root.Path;

    public TargetGraph Graph { get; } = new();

    public Dictionary<string, string> Environment { get; } = new();

    public List<string> Ran { get; } = [];

    public string Output { get; private set; } = "";

    public string? DefaultTarget { get; set; }

    public string? WorkingDirectory { get; set; }

    public bool UseRootOption { get; set; } = true;

    public static BuildRun Lambda()
    {
        var run = new BuildRun();
        run.Target("Clean", t => t.Description("Deletes the build output"));
        run.Target("Setup", t => t.Description("Installs what is missing"));
        run.Target("Compile", t => t.Description("Compiles the functions").DependsOn("Setup"));
        run.Target("Package", t => t.Description("Zips the binaries").DependsOn("Compile"));
        return run;
    }

    /// <summary>Adds a target whose first action records its name in <see cref="Ran"/>.</summary>
    public BuildRun Target(string name, Action<TargetBuilder>? configure = null)
    {
        Graph.Add(name, t =>
        {
            t.Executes(_ =>
            {
                lock (Ran)
                    Ran.Add(name);
            });
            configure?.Invoke(t);
        });
        return this;
    }

    public void WriteParametersJson(string json) => _root.Write(".nuke/parameters.json", json);

    public async Task<int> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var writer = new StringWriter();
        var exitCode = await BuildHost.RunAsync(Graph, args, new BuildHostOptions
        {
            Output = writer,
            Environment = Environment,
            RootDirectory = UseRootOption ? Root : null,
            WorkingDirectory = WorkingDirectory ?? Root,
            DefaultTarget = DefaultTarget,
        }, cancellationToken);
        Output = writer.ToString();
        return exitCode;
    }

    /// <summary>The output's lines, trimmed, runs of spaces collapsed to one.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n').Select(Collapse).ToList();

    /// <summary>The summary row of a target: its line in the table, whitespace collapsed ("Compile Failed 0:01 boom").</summary>
    public string SummaryRow(string target)
    {
        var table = Output[Output.LastIndexOf("Target ", StringComparison.Ordinal)..];
        return table.Split('\n').Select(Collapse).Single(l => l.StartsWith(target + " ", StringComparison.Ordinal));
    }

    private static string Collapse(string line) => string.Join(' ', line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public void Dispose() => _root.Dispose();
}
