using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Checks;

/// <summary>RUSTFLAGS (or CARGO_ENCODED_RUSTFLAGS, CARGO_TARGET_&lt;T&gt;_RUSTFLAGS) replace <c>build.rustflags</c>, and so our release target-cpu flags.</summary>
internal sealed class RustflagsRule : IDoctorRule
{
    public string Id => "rustflags";

    public string Summary => "RUSTFLAGS / CARGO_TARGET_<T>_RUSTFLAGS set: they replace the release build's target-cpu flags";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        if (!context.AddsTargetCpu || ReleaseOptimizations.RustflagsOverride(context.Environment, context.Target) is not { } variable)
            yield break;
        var cpu = ReleaseOptimizations.TargetCpu(context.Target.Architecture);
        yield return new CheckFinding(Id, FindingSeverity.Warning, variable,
            $"{variable} is set, so cargo ignores build.rustflags: the release build's '-C target-cpu={cpu}' is not applied.",
            $"Unset {variable}, or add '-C target-cpu={cpu}' to it.");
    }
}
