using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Cargo;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

/// <summary>Bins with <c>required-features</c>, built with real cargo: skipped with a note, not a failed build.</summary>
public sealed class RequiredFeaturesTests : IDisposable
{
    private readonly TestDirectory _folder = new();
    private readonly RecordingLogger _logger = new();

    public RequiredFeaturesTests()
    {
        _folder.Package(".", "jobs", """
            [features]
            extra = []
            bundle = ["extra"]

            [[bin]]
            name = "plain"
            path = "src/plain.rs"

            [[bin]]
            name = "extra"
            path = "src/extra.rs"
            required-features = ["extra"]
            """, withMain: false);
        _folder.Write("src/plain.rs", "fn main() {}\n");
        _folder.Write("src/extra.rs", "fn main() {}\n");
    }

    public void Dispose() => _folder.Dispose();

    private Task<IReadOnlyList<LambdaBinary>> BuildAsync(Func<ZigBuildSettings, ZigBuildSettings> configure) =>
        LambdaRustTasks.ZigBuildAsync(s => configure(s.SetManifestPath(_folder["Cargo.toml"]).SetZigPath(TestTools.Zig())
            .SetArchitecture(LambdaArchitecture.X86_64).SetLogger(_logger)));

    [Fact]
    public async Task A_bin_whose_required_features_are_off_is_skipped_with_a_note()
    {
        var binaries = await BuildAsync(s => s);

        Assert.Equal(["plain"], binaries.Select(b => b.Name));
        Assert.Contains(_logger.Messages(Microsoft.Extensions.Logging.LogLevel.Warning), m => m.Contains("Skipping extra: it requires the features extra"));
    }

    [Fact]
    public async Task A_feature_that_implies_the_required_one_builds_the_bin()
    {
        var binaries = await BuildAsync(s => s.SetFeatures("bundle"));

        Assert.Equal(["extra", "plain"], binaries.Select(b => b.Name).Order());
    }

    [Fact]
    public async Task A_bin_asked_for_by_name_without_its_features_fails_before_compiling_with_the_features_to_enable()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BuildAsync(s => s.SetFunctions("extra")));

        Assert.Contains("'extra'", error.Problem);
        Assert.Contains("--features extra", error.Fix);
        Assert.False(Directory.Exists(_folder["target/x86_64-unknown-linux-gnu"]), "nothing was compiled");
    }
}
