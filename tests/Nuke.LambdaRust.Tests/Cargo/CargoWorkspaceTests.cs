using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cargo;

public sealed class CargoWorkspaceTests : IDisposable
{
    private readonly TestDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Workspace "api" (bin api) + "jobs" (bins nightly, hourly, and a lib).</summary>
    private void WriteTwoPackageWorkspace()
    {
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["api", "jobs"]
            resolver = "2"
            """);
        _folder.Package("api", "api");
        _folder.Package("jobs", "jobs", withMain: false);
        _folder.Write("jobs/src/lib.rs", "");
        _folder.Write("jobs/src/bin/nightly.rs", "fn main() {}\n");
        _folder.Write("jobs/src/bin/hourly.rs", "fn main() {}\n");
    }

    [Fact]
    public async Task Workspace_lists_every_bin_of_every_member_as_a_function_with_its_package_and_manifest()
    {
        WriteTwoPackageWorkspace();

        var workspace = await _folder.LoadAsync();

        Assert.Equal(
            [
                new LambdaFunction("api", "api", _folder["api/Cargo.toml"]),
                new LambdaFunction("hourly", "jobs", _folder["jobs/Cargo.toml"]),
                new LambdaFunction("nightly", "jobs", _folder["jobs/Cargo.toml"]),
            ],
            workspace.Functions);
        Assert.Equal(["api", "jobs"], workspace.Packages.Select(p => p.Name));
        Assert.Equal(["hourly", "nightly"], workspace.Packages.Single(p => p.Name == "jobs").BinTargets);
    }

    [Fact]
    public async Task Workspace_root_root_manifest_and_default_target_directory_come_from_cargo()
    {
        WriteTwoPackageWorkspace();

        var workspace = await _folder.LoadAsync();

        Assert.Equal(_folder.Path, workspace.WorkspaceRoot);
        Assert.Equal(_folder["Cargo.toml"], workspace.RootManifestPath);
        Assert.Equal(_folder["target"], workspace.TargetDirectory);
    }

    [Fact]
    public async Task Loading_a_member_manifest_loads_the_whole_workspace()
    {
        WriteTwoPackageWorkspace();

        var workspace = await _folder.LoadAsync("jobs/Cargo.toml");

        Assert.Equal(_folder.Path, workspace.WorkspaceRoot);
        Assert.Equal(["api", "hourly", "nightly"], workspace.Functions.Select(f => f.Name));
    }

    [Fact]
    public async Task A_folder_path_means_the_Cargo_toml_inside_it()
    {
        WriteTwoPackageWorkspace();

        var workspace = await _folder.LoadAsync(".");

        Assert.Equal(3, workspace.Functions.Count);
    }

    [Fact]
    public async Task Target_directory_follows_CARGO_TARGET_DIR_given_in_the_cargo_command()
    {
        WriteTwoPackageWorkspace();
        var custom = _folder["elsewhere/out"];
        var cargo = CargoCommand.Default with { Environment = new Dictionary<string, string?> { ["CARGO_TARGET_DIR"] = custom } };

        var workspace = await _folder.LoadAsync(cargo: cargo);

        Assert.Equal(custom, workspace.TargetDirectory);
    }

    [Fact]
    public async Task Target_directory_follows_build_target_dir_in_cargo_config_toml()
    {
        WriteTwoPackageWorkspace();
        _folder.Write(".cargo/config.toml", """
            [build]
            target-dir = "build-output"
            """);

        var workspace = await _folder.LoadAsync();

        Assert.Equal(_folder["build-output"], workspace.TargetDirectory);
    }

    [Fact]
    public async Task Prefix_arguments_of_the_cargo_command_go_before_the_subcommand()
    {
        WriteTwoPackageWorkspace();
        var cargo = CargoCommand.Default with { PrefixArguments = ["--config", "build.target-dir=\"from-prefix\""] };

        var workspace = await _folder.LoadAsync(cargo: cargo);

        Assert.Equal(_folder["from-prefix"], workspace.TargetDirectory);
    }

    [Fact]
    public async Task Single_package_crate_outside_a_workspace_is_its_own_workspace()
    {
        _folder.Package(".", "solo", """
            [package.metadata.lambda.build]
            arm64 = true
            """);

        var workspace = await _folder.LoadAsync();

        Assert.Equal(_folder.Path, workspace.WorkspaceRoot);
        var package = Assert.Single(workspace.Packages);
        Assert.Equal(("solo", "0.1.0"), (package.Name, package.Version));
        Assert.True(package.Metadata!.Value.GetProperty("lambda").GetProperty("build").GetProperty("arm64").GetBoolean());
        Assert.Null(workspace.WorkspaceMetadata);
        Assert.Equal([new LambdaFunction("solo", "solo", _folder["Cargo.toml"])], workspace.Functions);
    }

    [Fact]
    public async Task Workspace_metadata_is_kept_raw()
    {
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["api"]
            [workspace.metadata.lambda.build]
            include = ["config/"]
            """);
        _folder.Package("api", "api");

        var workspace = await _folder.LoadAsync();

        var include = workspace.WorkspaceMetadata!.Value.GetProperty("lambda").GetProperty("build").GetProperty("include");
        Assert.Equal("config/", include[0].GetString());
    }

    [Fact]
    public async Task Missing_Cargo_toml_is_an_error_that_names_the_path_and_the_manifest_path_setting()
    {
        var missing = _folder["nowhere/Cargo.toml"];

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _folder.LoadAsync("nowhere/Cargo.toml"));

        Assert.Contains(missing, error.Problem);
        Assert.Contains("--manifest-path", error.Fix);
    }

    [Fact]
    public async Task Malformed_Cargo_toml_is_reported_with_file_line_and_column_before_cargo_runs()
    {
        var manifest = _folder.Write("Cargo.toml", """
            [package]
            name = "broken"
            version = "0.1.0"
            edition = = "2021"
            """);
        _folder.Write("src/main.rs", "fn main() {}\n");
        // A cargo that cannot start proves that the error came from our parser, not from cargo.
        var noCargo = CargoCommand.Default with { FileName = _folder["no-such-cargo"] };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _folder.LoadAsync(cargo: noCargo));

        Assert.StartsWith($"{manifest}:4:", error.Problem);
    }

    [Fact]
    public async Task Broken_member_manifest_is_an_error_that_quotes_cargo_and_names_the_manifest()
    {
        WriteTwoPackageWorkspace();
        var member = _folder["jobs/Cargo.toml"];
        File.AppendAllText(member, "\n[dependencies\n");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _folder.LoadAsync());

        Assert.Contains($"cargo metadata failed for '{_folder["Cargo.toml"]}'", error.Problem);
        Assert.Contains("error: ", error.Problem);
        Assert.Contains(Path.Combine(_folder.Path, "jobs"), error.Problem);
    }

    [Fact]
    public async Task Missing_workspace_member_is_an_error_that_quotes_cargo()
    {
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["api", "ghost"]
            """);
        _folder.Package("api", "api");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _folder.LoadAsync());

        Assert.Contains("failed to load manifest for workspace member", error.Problem);
        Assert.Contains(_folder["ghost"], error.Problem);
    }

    [Fact]
    public async Task Workspace_without_bin_targets_is_an_error_saying_so()
    {
        _folder.Package(".", "only-lib", withMain: false);
        _folder.Write("src/lib.rs", "");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _folder.LoadAsync());

        Assert.Contains("no bin targets", error.Problem);
        Assert.Contains("only-lib", error.Problem);
        Assert.Contains("src/main.rs", error.Fix);
    }

    [Fact]
    public async Task A_cargo_that_cannot_start_is_an_error_naming_it()
    {
        WriteTwoPackageWorkspace();
        var noCargo = CargoCommand.Default with { FileName = _folder["no-such-cargo"] };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _folder.LoadAsync(cargo: noCargo));

        Assert.Contains("no-such-cargo", error.Problem);
    }
}
