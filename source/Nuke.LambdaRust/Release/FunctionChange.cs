using Nuke.LambdaRust.Cargo;

namespace Nuke.LambdaRust.Release;

/// <summary>Whether a function is in a release for <c>--changed-since</c>, and why.</summary>
/// <param name="Function">The function.</param>
/// <param name="Included">True when it is released.</param>
/// <param name="Reasons">Why it is in (each change that reaches it), or the one reason it is out.</param>
public sealed record FunctionChange(LambdaFunction Function, bool Included, IReadOnlyList<string> Reasons)
{
    /// <summary><c>orders-create: in (orders changed: functions/orders/src/bin/orders-create.rs)</c>.</summary>
    public override string ToString() => $"{Function.Name}: {(Included ? "in" : "out")} ({string.Join("; ", Reasons)})";
}
