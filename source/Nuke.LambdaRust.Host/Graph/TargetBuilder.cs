namespace Nuke.LambdaRust.Host;

/// <summary>
/// Fluent definition of a <see cref="TargetDefinition"/>, in NUKE's verbs:
/// <c>t =&gt; t.Description("…").DependsOn("Package").Executes(async (ctx, ct) =&gt; …)</c>.
/// Relations and actions accumulate, so <see cref="TargetGraph.Extend"/> can add to an existing target.
/// </summary>
public sealed class TargetBuilder
{
    private TargetDefinition _definition;

    internal TargetBuilder(TargetDefinition definition) => _definition = definition;

    internal TargetDefinition Definition => _definition;

    /// <summary>Sets the one-line description shown by <c>--help</c>.</summary>
    public TargetBuilder Description(string description)
    {
        _definition = _definition with { Description = description };
        return this;
    }

    /// <summary>Adds targets that must run before this one.</summary>
    public TargetBuilder DependsOn(params string[] targets)
    {
        _definition = _definition with { DependsOn = Append(_definition.DependsOn, targets) };
        return this;
    }

    /// <summary>Makes this target a dependency of the named targets (the reverse of <see cref="DependsOn"/>).</summary>
    public TargetBuilder DependentFor(params string[] targets)
    {
        _definition = _definition with { DependentFor = Append(_definition.DependentFor, targets) };
        return this;
    }

    /// <summary>Orders this target before the named ones when both are in the plan, without adding them.</summary>
    public TargetBuilder Before(params string[] targets)
    {
        _definition = _definition with { Before = Append(_definition.Before, targets) };
        return this;
    }

    /// <summary>Orders this target after the named ones when both are in the plan, without adding them.</summary>
    public TargetBuilder After(params string[] targets)
    {
        _definition = _definition with { After = Append(_definition.After, targets) };
        return this;
    }

    /// <summary>Adds the named targets to the plan, to run after this one.</summary>
    public TargetBuilder Triggers(params string[] targets)
    {
        _definition = _definition with { Triggers = Append(_definition.Triggers, targets) };
        return this;
    }

    /// <summary>
    /// Runs the target only when <paramref name="condition"/> holds (checked just before it would run); otherwise it is
    /// Skipped. A second call adds a condition that must hold as well.
    /// </summary>
    /// <param name="condition">The check.</param>
    /// <param name="description">What it checks, e.g. <c>"Deploy is set"</c>; shown when the target is skipped.</param>
    public TargetBuilder OnlyWhen(Func<TargetContext, bool> condition, string description)
    {
        var previous = _definition.Condition;
        _definition = _definition with
        {
            Condition = previous is null ? condition : ctx => previous(ctx) && condition(ctx),
            ConditionDescription = previous is null ? description : $"{_definition.ConditionDescription} and {description}",
        };
        return this;
    }

    /// <summary>Adds work to the target; several actions run in the order they were added.</summary>
    public TargetBuilder Executes(Func<TargetContext, CancellationToken, Task> action)
    {
        var previous = _definition.Action;
        _definition = _definition with
        {
            Action = previous is null
                ? action
                : async (ctx, ct) =>
                {
                    await previous(ctx, ct).ConfigureAwait(false);
                    await action(ctx, ct).ConfigureAwait(false);
                },
        };
        return this;
    }

    /// <summary>Adds asynchronous work that does not take the cancellation token.</summary>
    public TargetBuilder Executes(Func<TargetContext, Task> action) => Executes((ctx, _) => action(ctx));

    /// <summary>Adds synchronous work.</summary>
    public TargetBuilder Executes(Action<TargetContext> action) => Executes((ctx, _) =>
    {
        action(ctx);
        return Task.CompletedTask;
    });

    /// <summary>Gives <c>--plan</c> lines to print under the target (they must only read, never change anything).</summary>
    public TargetBuilder ExplainsPlan(Func<TargetContext, CancellationToken, Task<IReadOnlyList<string>>> details)
    {
        _definition = _definition with { PlanDetails = details };
        return this;
    }

    /// <summary>Hides the target from <c>--help</c>; it can still be invoked.</summary>
    public TargetBuilder Unlisted()
    {
        _definition = _definition with { Unlisted = true };
        return this;
    }

    private IReadOnlyList<string> Append(IReadOnlyList<string> existing, string[] added)
    {
        var result = existing.ToList();
        foreach (var name in added)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new LambdaRustException(
                    $"Target '{_definition.Name}' names an empty target in one of its relations.",
                    "Pass target names such as \"Compile\".");
            if (!result.Any(n => NameMatching.SameName(n, name)))
                result.Add(name);
        }

        return result;
    }
}
