using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>
    /// Finds zig and the targets' Rust std for the planned build, and installs what is missing; when Invoke is planned,
    /// its inputs are checked first and qemu is provided for a foreign architecture.
    /// </summary>
    public async Task<SetupResult> SetupAsync(CancellationToken cancellationToken = default)
    {
        var invoke = Settings.PlannedSteps.HasFlag(PipelineSteps.Invoke);
        if (invoke)
            await CheckInvokeAsync(cancellationToken).ConfigureAwait(false);
        LambdaBuildSettings settings;
        _settingUp = true;
        try
        {
            settings = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _settingUp = false;
        }

        var project = await ProjectAsync(settings, cancellationToken).ConfigureAwait(false);
        var request = new ProvisioningRequest(LambdaBuilder.PlannedArchitectures(settings, project), settings.Compiler, ToolsDirectory)
        {
            ZigPath = (settings as ZigBuildSettings)?.ZigPath,
            CrossPath = (settings as CrossBuildSettings)?.CrossPath,
            ContainerEngine = (settings as CrossBuildSettings)?.ContainerEngine,
            FormerToolsDirectories = FormerToolsDirectories,
            NeedsEmulator = invoke || (Settings.PlannedSteps.HasFlag(PipelineSteps.Release) && Settings.SmokeEvent is not null),
        };
        request = Settings.ConfigureProvisioning?.Invoke(request) ?? request;
        var provisioning = await ToolchainProvisioner.EnsureAsync(request, Logger, cancellationToken).ConfigureAwait(false);
        return SetupOutcome = new SetupResult(provisioning);
    }
}
