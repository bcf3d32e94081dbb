using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

public sealed class CrossToolingTests : IDisposable
{
    private readonly TestDirectory _fakes = new();

    public void Dispose() => _fakes.Dispose();

    /// <summary>An environment whose PATH holds only the fakes, with no engine chosen by variable.</summary>
    private Dictionary<string, string?> OnlyFakesOnPath() => new() { ["PATH"] = _fakes.Path, ["CROSS_CONTAINER_ENGINE"] = null };

    [Fact]
    public async Task Cross_and_a_running_docker_on_PATH_are_found_with_their_full_paths()
    {
        var cross = FakeCrossTools.WriteCross(_fakes.Path);
        var docker = FakeCrossTools.WriteEngine(_fakes.Path, "docker", running: true);
        var logger = new RecordingLogger();

        var installation = await CrossTooling.LocateAsync(null, null, OnlyFakesOnPath(), logger, CancellationToken.None);

        Assert.Equal(new CrossInstallation(cross, docker), installation);
        Assert.Contains($"Container engine {docker} is running", logger.Text);
    }

    [Fact]
    public async Task Container_engine_named_by_CROSS_CONTAINER_ENGINE_is_preferred_to_docker()
    {
        FakeCrossTools.WriteCross(_fakes.Path);
        FakeCrossTools.WriteEngine(_fakes.Path, "docker", running: true);
        var podman = FakeCrossTools.WriteEngine(_fakes.Path, "podman", running: true);
        var environment = OnlyFakesOnPath();
        environment["CROSS_CONTAINER_ENGINE"] = "podman";

        var installation = await CrossTooling.LocateAsync(null, null, environment, new RecordingLogger(), CancellationToken.None);

        Assert.Equal(podman, installation.ContainerEngine);
    }
}
