using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cargo;

public sealed class LambdaConfigReaderTests : IDisposable
{
    private readonly TestDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// A workspace whose package "orders" has the functions create-order and list-orders, with a setting at every level.
    /// </summary>
    private Task<CargoWorkspace> LoadLayeredWorkspaceAsync()
    {
        _folder.Write("CargoLambda.toml", """
            [build]
            arm64 = false
            release = false
            profile = "from-cargo-lambda-toml"
            lambda_dir = "dist/lambda"
            """);
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["orders"]
            resolver = "2"

            [workspace.metadata.lambda.build]
            arm64 = true
            release = true
            target = "from-workspace"

            [workspace.metadata.lambda.bin.create-order.build]
            target = "from-workspace-bin"
            """);
        _folder.Package("orders", "orders", """
            [package.metadata.lambda.build]
            x86_64 = false
            features = ["from-package"]
            include = ["from-package/"]

            [package.metadata.lambda.bin.create-order.build]
            x86_64 = true
            include = ["from-package-bin/"]
            """, withMain: false);
        _folder.Write("orders/src/bin/create-order.rs", "fn main() {}\n");
        _folder.Write("orders/src/bin/list-orders.rs", "fn main() {}\n");
        return _folder.LoadAsync();
    }

    /// <summary>A single package "api" with the given extra TOML in its Cargo.toml.</summary>
    private async Task<(CargoWorkspace Workspace, LambdaFunction Function)> LoadPackageAsync(string extraToml)
    {
        _folder.Package(".", "api", extraToml);
        var workspace = await _folder.LoadAsync();
        return (workspace, workspace.Functions.Single());
    }

    private static LambdaBuildConfig ConfigOf(CargoWorkspace workspace, string function) =>
        LambdaConfigReader.ForFunction(workspace, workspace.Functions.Single(f => f.Name == function));

    [Fact]
    public async Task Each_setting_resolves_to_the_highest_level_that_sets_it()
    {
        var workspace = await LoadLayeredWorkspaceAsync();

        var config = ConfigOf(workspace, "create-order");

        Assert.True(config.Arm64); // workspace over CargoLambda.toml
        Assert.True(config.Release); // workspace over CargoLambda.toml
        Assert.Equal("from-workspace-bin", config.Target); // workspace bin over workspace
        Assert.True(config.X86_64); // package bin table
        Assert.Equal(["from-package-bin/"], config.Include); // package bin table
        Assert.Null(config.Features); // the package bin table replaces the package table: its features do not apply
    }

    [Fact]
    public async Task CargoLambda_toml_applies_where_no_Cargo_toml_table_sets_the_key()
    {
        var workspace = await LoadLayeredWorkspaceAsync();

        var config = ConfigOf(workspace, "create-order");

        Assert.Equal("from-cargo-lambda-toml", config.Profile);
        Assert.Equal("dist/lambda", config.LambdaDir);
    }

    [Fact]
    public async Task Bin_tables_apply_only_to_their_own_function()
    {
        var workspace = await LoadLayeredWorkspaceAsync();

        var config = ConfigOf(workspace, "list-orders");

        Assert.Equal("from-workspace", config.Target);
        Assert.False(config.X86_64);
        Assert.Equal(["from-package/"], config.Include);
    }

    [Fact]
    public async Task Sources_name_every_contributing_table_lowest_first()
    {
        var workspace = await LoadLayeredWorkspaceAsync();

        var config = ConfigOf(workspace, "create-order");

        var root = _folder["Cargo.toml"];
        var orders = _folder["orders/Cargo.toml"];
        Assert.Equal(
            [
                $"{_folder["CargoLambda.toml"]} [build]",
                $"{root} [workspace.metadata.lambda.build]",
                $"{root} [workspace.metadata.lambda.bin.create-order.build]",
                $"{orders} [package.metadata.lambda.bin.create-order.build]",
            ],
            config.Sources);
    }

    [Fact]
    public async Task A_project_without_lambda_metadata_has_an_empty_config()
    {
        var (workspace, function) = await LoadPackageAsync("");

        var config = LambdaConfigReader.ForFunction(workspace, function);

        Assert.Equal(LambdaBuildConfig.Empty with { Sources = config.Sources }, config);
        Assert.Empty(config.Sources);
    }

    [Fact]
    public async Task Compiler_table_with_type_cargo_reads_as_the_cargo_compiler()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build.compiler]
            type = "cargo"
            """);

        Assert.Equal(LambdaCompiler.Cargo, LambdaConfigReader.ForFunction(workspace, function).Compiler);
    }

    [Fact]
    public async Task Compiler_type_cargo_zigbuild_reads_as_zig()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            compiler = { type = "cargo_zigbuild" }
            """);

        Assert.Equal(LambdaCompiler.Zig, LambdaConfigReader.ForFunction(workspace, function).Compiler);
    }

    [Fact]
    public async Task Compiler_as_a_plain_string_is_accepted()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            compiler = "cross"
            """);

        Assert.Equal(LambdaCompiler.Cross, LambdaConfigReader.ForFunction(workspace, function).Compiler);
    }

    [Fact]
    public async Task Unknown_compiler_type_is_an_error_naming_the_file_and_the_full_key_path()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build.compiler]
            type = "gcc"
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains(_folder["Cargo.toml"], error.Problem);
        Assert.Contains("'package.metadata.lambda.build.compiler.type'", error.Problem);
        Assert.Contains("\"gcc\"", error.Problem);
        Assert.Contains("\"cargo_zigbuild\", \"cargo\" or \"cross\"", error.Problem);
    }

    [Fact]
    public async Task A_string_for_a_boolean_key_is_an_error_naming_the_file_the_key_and_the_type()
    {
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["api"]

            [workspace.metadata.lambda.bin.api.build]
            arm64 = "yes"
            """);
        _folder.Package("api", "api");
        var workspace = await _folder.LoadAsync();

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, workspace.Functions.Single()));

        Assert.Contains(_folder["Cargo.toml"], error.Problem);
        Assert.Contains("'workspace.metadata.lambda.bin.api.build.arm64' must be a boolean (true or false)", error.Problem);
        Assert.Contains("the string \"yes\"", error.Problem);
    }

    [Fact]
    public async Task A_number_for_include_is_an_error_asking_for_an_array_of_strings()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            include = 3
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains("'package.metadata.lambda.build.include' must be an array of strings", error.Problem);
        Assert.Contains("the number 3", error.Problem);
    }

    [Fact]
    public async Task A_non_string_item_in_features_is_an_error_naming_its_index()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            features = ["a", true]
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains("'package.metadata.lambda.build.features[1]' must be a string", error.Problem);
    }

    [Fact]
    public async Task Output_format_binary_is_read()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            output_format = "binary"
            """);

        Assert.Equal(OutputFormat.Binary, LambdaConfigReader.ForFunction(workspace, function).OutputFormat);
    }

    [Fact]
    public async Task Unknown_output_format_is_an_error_listing_zip_and_binary()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            output_format = "tarball"
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains("'package.metadata.lambda.build.output_format' must be \"zip\" or \"binary\"", error.Problem);
    }

    [Fact]
    public async Task Env_file_is_read_relative_to_the_workspace_root_where_cargo_lambda_runs_beneath_explicit_env()
    {
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["api"]
            """);
        _folder.Package("api", "api", """
            [package.metadata.lambda.build]
            env_file = "config/build.env"
            env = { SHARED = "explicit" }
            """);
        _folder.Write("config/build.env", """
            # build settings
            SHARED=from-file

            ONLY_IN_FILE="quoted value"
            export EXPORTED=yes
            """);
        var workspace = await _folder.LoadAsync();

        var config = LambdaConfigReader.ForFunction(workspace, workspace.Functions.Single());

        Assert.Equal(_folder["config/build.env"], config.EnvFile);
        Assert.Equal(
            new Dictionary<string, string> { ["SHARED"] = "explicit", ["ONLY_IN_FILE"] = "quoted value", ["EXPORTED"] = "yes" },
            config.Env);
        Assert.Contains($"{_folder["config/build.env"]} (env_file)", config.Sources);
    }

    [Fact]
    public async Task Env_file_is_read_relative_to_the_working_directory_when_the_build_runs_inside_the_workspace()
    {
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["api"]
            """);
        _folder.Package("api", "api", """
            [package.metadata.lambda.build]
            env_file = "build.env"
            """);
        _folder.Write("api/build.env", "WHERE=api folder\n");
        var workspace = await _folder.LoadAsync();

        var config = LambdaConfigReader.ForFunction(workspace, workspace.Functions.Single(), new LambdaConfigOptions { WorkingDirectory = _folder["api"] });

        Assert.Equal(new Dictionary<string, string> { ["WHERE"] = "api folder" }, config.Env);
    }

    [Fact]
    public async Task Env_file_declared_low_is_kept_under_env_declared_higher()
    {
        _folder.Write("CargoLambda.toml", """
            [build]
            env_file = ".env"
            """);
        _folder.Write(".env", "FROM_FILE=1\n");
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            env_var = ["FROM_PACKAGE=2"]
            """);

        var config = LambdaConfigReader.ForFunction(workspace, function);

        Assert.Equal(new Dictionary<string, string> { ["FROM_FILE"] = "1", ["FROM_PACKAGE"] = "2" }, config.Env);
    }

    [Fact]
    public async Task Env_var_as_an_array_of_key_value_strings_is_read()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            env_var = ["RUST_LOG=debug", "URL=a=b"]
            """);

        var config = LambdaConfigReader.ForFunction(workspace, function);

        Assert.Equal(new Dictionary<string, string> { ["RUST_LOG"] = "debug", ["URL"] = "a=b" }, config.Env);
    }

    [Fact]
    public async Task Missing_env_file_is_an_error_naming_it_and_where_it_was_declared()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            env_file = "missing.env"
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains(_folder["missing.env"], error.Problem);
        Assert.Contains($"{_folder["Cargo.toml"]} [package.metadata.lambda.build] env_file", error.Problem);
    }

    [Fact]
    public async Task A_malformed_env_file_line_is_an_error_with_file_and_line()
    {
        _folder.Write("vars.env", "GOOD=1\nthis is not a variable\n");
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            env_file = "vars.env"
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.StartsWith($"{_folder["vars.env"]}:2: expected KEY=VALUE", error.Problem);
    }

    [Fact]
    public async Task Flatten_naming_a_function_is_true_for_it_and_false_for_the_others()
    {
        _folder.Package(".", "jobs", """
            [package.metadata.lambda.build]
            flatten = "nightly"
            """, withMain: false);
        _folder.Write("src/bin/nightly.rs", "fn main() {}\n");
        _folder.Write("src/bin/hourly.rs", "fn main() {}\n");
        var workspace = await _folder.LoadAsync();

        Assert.True(ConfigOf(workspace, "nightly").Flatten);
        Assert.False(ConfigOf(workspace, "hourly").Flatten);
    }

    [Fact]
    public async Task Tables_beside_build_are_not_read_as_build_keys()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            extension = true
            internal = false

            [package.metadata.lambda.deploy]
            memory = 512
            """);

        var config = LambdaConfigReader.ForFunction(workspace, function);

        Assert.True(config.Extension);
        Assert.False(config.Internal);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public async Task A_misspelled_build_key_is_a_warning_that_names_the_closest_key()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            inclde = ["config/"]
            """);

        var config = LambdaConfigReader.ForFunction(workspace, function);

        var warning = Assert.Single(config.Warnings);
        Assert.Contains($"{_folder["Cargo.toml"]}: 'package.metadata.lambda.build.inclde' is not a cargo-lambda build key and is ignored.", warning);
        Assert.Contains("Did you mean 'include'?", warning);
    }

    [Fact]
    public async Task A_cargo_selection_key_is_a_warning_that_it_is_not_applied()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            bins = true
            """);

        var warning = Assert.Single(LambdaConfigReader.ForFunction(workspace, function).Warnings);

        Assert.Contains("'package.metadata.lambda.build.bins' is not applied", warning);
    }

    [Fact]
    public async Task Cargo_options_in_the_build_table_are_read()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            disable_optimizations = true
            all_features = true
            no_default_features = true
            locked = true
            frozen = true
            offline = true
            jobs = 3
            keep_going = true
            timings = true
            ignore_rust_version = true
            quiet = true
            verbose = 2
            color = "never"
            config = ["net.retry=5"]
            unstable_flags = ["build-std"]
            target_dir = "out/target"
            skip_target_check = true
            compiler = { type = "cargo", subcommand = ["brazil", "build"], extra_args = ["--x"] }
            """);

        var config = LambdaConfigReader.ForFunction(workspace, function);

        Assert.Equal(
            (true, true, true, true, true, true, 3, true, true, true, true, 2, "never"),
            (config.DisableOptimizations, config.AllFeatures, config.NoDefaultFeatures, config.Locked, config.Frozen, config.Offline, config.Jobs,
                config.KeepGoing, config.Timings, config.IgnoreRustVersion, config.Quiet, config.Verbose, config.Color));
        Assert.Equal(["net.retry=5"], config.CargoConfig);
        Assert.Equal(["build-std"], config.UnstableFlags);
        Assert.Equal(_folder["out/target"], config.TargetDir);
        Assert.True(config.SkipTargetCheck);
        Assert.Equal(["brazil", "build"], config.CompilerSubcommand);
        Assert.Equal(["--x"], config.CompilerExtraArgs);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public async Task A_subcommand_for_a_compiler_other_than_cargo_is_an_error()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata.lambda.build]
            compiler = { type = "cross", extra_args = ["--x"] }
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains("for type \"cargo\" only", error.Problem);
    }

    [Fact]
    public async Task Lambda_metadata_that_is_not_a_table_is_an_error_naming_the_key()
    {
        var (workspace, function) = await LoadPackageAsync("""
            [package.metadata]
            lambda = "yes"
            """);

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains("'package.metadata.lambda' must be a table", error.Problem);
    }

    [Fact]
    public async Task Malformed_CargoLambda_toml_is_an_error_with_file_line_and_column()
    {
        var file = _folder.Write("CargoLambda.toml", """
            [build]
            arm64 = true
            release = 
            """);
        var (workspace, function) = await LoadPackageAsync("");

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.StartsWith($"{file}:3:", error.Problem);
    }

    [Fact]
    public async Task Wrong_types_in_CargoLambda_toml_name_the_build_table()
    {
        var file = _folder.Write("CargoLambda.toml", """
            [build]
            release = "always"
            """);
        var (workspace, function) = await LoadPackageAsync("");

        var error = Assert.Throws<LambdaRustException>(() => LambdaConfigReader.ForFunction(workspace, function));

        Assert.Contains($"{file}: 'build.release' must be a boolean", error.Problem);
    }

    [Fact]
    public void MergedWith_takes_each_key_the_higher_config_sets_and_replaces_lists_whole()
    {
        var lower = new LambdaBuildConfig
        {
            Arm64 = true,
            Release = true,
            Include = ["a", "b"],
            Env = new Dictionary<string, string> { ["A"] = "1" },
            Sources = ["lower"],
        };
        var higher = new LambdaBuildConfig
        {
            Release = false,
            Include = ["c"],
            Env = new Dictionary<string, string> { ["B"] = "2" },
            Sources = ["higher"],
        };

        var merged = lower.MergedWith(higher);

        Assert.True(merged.Arm64);
        Assert.False(merged.Release);
        Assert.Equal(["c"], merged.Include);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, merged.Env); // tables merge per key, as cargo-lambda's do
        Assert.Equal(["lower", "higher"], merged.Sources);
    }

    [Fact]
    public void MergedWith_concatenating_lists_appends_the_higher_list_as_admerge_does()
    {
        var merged = new LambdaBuildConfig { Include = ["a"], Features = ["x"] }
            .MergedWith(new LambdaBuildConfig { Include = ["b"], Features = ["y"] }, concatenateLists: true);

        Assert.Equal(["a", "b"], merged.Include);
        Assert.Equal(["x", "y"], merged.Features);
    }
}
