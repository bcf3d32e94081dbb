namespace Nuke.LambdaRust.Pipeline;

public static partial class LambdaParameters
{
    /// <summary>Names of cargo's own options we pass on.</summary>
    public const string AllFeatures = "AllFeatures", NoDefaultFeatures = "NoDefaultFeatures", Locked = "Locked", Frozen = "Frozen",
        Offline = "Offline", Jobs = "Jobs", TargetDir = "TargetDir";

    /// <summary>cargo's options, passed on as cargo spells them (everything after a bare <c>--</c> goes to cargo unchanged).</summary>
    public static IReadOnlyList<ParameterDefinition> Cargo { get; } =
    [
        new(AllFeatures, "cargo's --all-features") { Type = ParameterType.Boolean },
        new(NoDefaultFeatures, "cargo's --no-default-features") { Type = ParameterType.Boolean },
        new(Locked, "cargo's --locked: fail when Cargo.lock needs an update") { Type = ParameterType.Boolean },
        new(Frozen, "cargo's --frozen: --locked and --offline") { Type = ParameterType.Boolean },
        new(Offline, "cargo's --offline: no network") { Type = ParameterType.Boolean },
        new(Jobs, "cargo's --jobs: parallel jobs") { Type = ParameterType.Integer },
        new(TargetDir, "cargo's --target-dir (default: the config's target_dir, else cargo's)"),
    ];
}
