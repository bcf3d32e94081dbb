namespace Nuke.LambdaRust.Host;

/// <summary>
/// One target of a <see cref="TargetGraph"/>, as data, so that every engine (our <see cref="BuildHost"/>, Cake, NUKE)
/// can map it one to one. Names in the relations are matched like target names on the command line
/// (case-insensitive, hyphens and underscores ignored). Build one with <see cref="TargetGraph.Add(string, Action{TargetBuilder})"/>.
/// </summary>
/// <param name="Name">The target's name, e.g. <c>Compile</c>.</param>
public sealed record TargetDefinition(string Name)
{
    /// <summary>One line for <c>--help</c>.</summary>
    public string? Description { get; init; }

    /// <summary>Targets that must run (successfully or skipped) before this one; they join the plan with it.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The reverse of <see cref="DependsOn"/>: this target is a dependency of the named ones.</summary>
    public IReadOnlyList<string> DependentFor { get; init; } = [];

    /// <summary>Ordering only: when both are in the plan, this target runs before the named ones.</summary>
    public IReadOnlyList<string> Before { get; init; } = [];

    /// <summary>Ordering only: when both are in the plan, this target runs after the named ones.</summary>
    public IReadOnlyList<string> After { get; init; } = [];

    /// <summary>Targets added to the plan to run after this one (and only when this one did not fail).</summary>
    public IReadOnlyList<string> Triggers { get; init; } = [];

    /// <summary>
    /// Evaluated just before the target would run; <c>false</c> skips it (its dependents still run).
    /// Null means always run.
    /// </summary>
    public Func<TargetContext, bool>? Condition { get; init; }

    /// <summary>What <see cref="Condition"/> checks, shown as the reason when the target is skipped and in <c>--plan</c>.</summary>
    public string? ConditionDescription { get; init; }

    /// <summary>The work; null for a target that only groups its dependencies.</summary>
    public Func<TargetContext, CancellationToken, Task>? Action { get; init; }

    /// <summary>
    /// Lines <c>--plan</c> prints under the target (e.g. which functions a release takes and why); it may read
    /// parameters and the run's shared state, but must not change anything. Null: none.
    /// </summary>
    public Func<TargetContext, CancellationToken, Task<IReadOnlyList<string>>>? PlanDetails { get; init; }

    /// <summary>Hidden from <c>--help</c>; it can still be invoked by name.</summary>
    public bool Unlisted { get; init; }
}
