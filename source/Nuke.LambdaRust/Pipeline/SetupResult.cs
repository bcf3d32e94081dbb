using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Setup found or installed.</summary>
/// <param name="Provisioning">The tools, and the install actions taken.</param>
public sealed record SetupResult(ProvisioningResult Provisioning) : IStepResult
{
    /// <inheritdoc />
    public string Summary => Provisioning.Actions.Count == 0 ? "all present" : $"{Provisioning.Actions.Count} install steps";
}
