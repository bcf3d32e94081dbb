namespace Nuke.LambdaRust.Host;

/// <summary>How <see cref="BuildHost"/> runs; every property has a sensible default for a real build, and tests override them.</summary>
public sealed class BuildHostOptions
{
    /// <summary>Where all output goes (log lines, help, plan, summary); <see cref="Console.Out"/> when null.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>The environment variables parameters are read from; the process environment when null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The build's root; <c>--root</c> overrides it. When null, the nearest folder holding <c>.nuke</c> from <see cref="WorkingDirectory"/> upward, else the working directory.</summary>
    public string? RootDirectory { get; init; }

    /// <summary>Where the root search starts and relative <c>--root</c> paths are resolved; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The target run when the command line names none; without one, the command line must name a target.</summary>
    public string? DefaultTarget { get; init; }
}
