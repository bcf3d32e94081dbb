using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cargo;

public sealed class CargoManifestTests : IDisposable
{
    private readonly TestDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Release_profile_keys_are_the_keys_the_root_manifest_sets()
    {
        var manifest = _folder.Write("Cargo.toml", """
            [workspace]
            members = ["api"]

            [profile.release]
            lto = true
            codegen-units = 4
            panic = "unwind"

            [profile.dev]
            opt-level = 1
            """);

        Assert.Equal(["codegen-units", "lto", "panic"], CargoManifest.ReadReleaseProfile(manifest).Keys);
    }

    [Fact]
    public void Release_profile_keys_written_as_dotted_keys_are_found()
    {
        var manifest = _folder.Write("Cargo.toml", """
            [package]
            name = "api"
            version = "0.1.0"

            [profile]
            release.strip = "debuginfo"
            """);

        Assert.Equal(["strip"], CargoManifest.ReadReleaseProfile(manifest).Keys);
    }

    [Fact]
    public void A_manifest_without_a_release_profile_sets_no_keys()
    {
        var manifest = _folder.Write("Cargo.toml", """
            [package]
            name = "api"
            version = "0.1.0"

            [profile.dev]
            opt-level = 1
            """);

        Assert.Empty(CargoManifest.ReadReleaseProfile(manifest).Keys);
    }

    [Fact]
    public void Malformed_manifest_is_an_error_with_file_line_and_column()
    {
        var manifest = _folder.Write("Cargo.toml", """
            [package]
            name = "api"

            [profile.release]
            lto = tru
            """);

        var error = Assert.Throws<LambdaRustException>(() => CargoManifest.ReadReleaseProfile(manifest).Keys);

        Assert.StartsWith($"{manifest}:5:", error.Problem);
        Assert.Contains(manifest, error.Fix);
    }

    [Fact]
    public void Missing_manifest_is_an_error_naming_it()
    {
        var missing = _folder["Cargo.toml"];

        var error = Assert.Throws<LambdaRustException>(() => CargoManifest.ReadReleaseProfile(missing).Keys);

        Assert.Contains(missing, error.Problem);
    }
}
