using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Cargo;

/// <summary>
/// cargo-lambda 1.9's config layering, as its source defines it (crates/cargo-lambda-metadata/src/config.rs and
/// cargo/build.rs): bin tables, CargoLambda.toml discovery, contexts, the global file, CARGO_LAMBDA_* variables, admerge.
/// </summary>
public sealed class CargoLambdaLayeringTests : IDisposable
{
    private readonly TestDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    /// <summary>A workspace "ws" with member "api" (bins api and worker) in a folder that also holds a parent folder for config files.</summary>
    private async Task<CargoWorkspace> WorkspaceAsync(string apiToml = "", string rootToml = "")
    {
        _folder.Write("ws/Cargo.toml", $"""
            [workspace]
            members = ["api"]
            resolver = "2"

            {rootToml}
            """);
        _folder.Package("ws/api", "api", apiToml, withMain: false);
        _folder.Write("ws/api/src/bin/api.rs", "fn main() {}\n");
        _folder.Write("ws/api/src/bin/worker.rs", "fn main() {}\n");
        return await _folder.LoadAsync("ws/Cargo.toml");
    }

    private static LambdaBuildConfig Config(CargoWorkspace workspace, string function, LambdaConfigOptions? options = null) =>
        LambdaConfigReader.ForFunction(workspace, workspace.Functions.Single(f => f.Name == function),
            (options ?? new LambdaConfigOptions()) with { Environment = options?.Environment ?? NoEnvironment });

    [Fact]
    public async Task A_package_bin_table_replaces_the_package_table_instead_of_merging_with_it()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            release = true
            include = ["assets"]

            [package.metadata.lambda.bin.worker.build]
            arm64 = true
            """);

        var worker = Config(workspace, "worker");
        var api = Config(workspace, "api");

        Assert.True(worker.Arm64);
        Assert.Null(worker.Release);
        Assert.Null(worker.Include);
        Assert.True(api.Release);
        Assert.Equal(["assets"], api.Include);
    }

    [Fact]
    public async Task A_package_bin_table_without_build_keys_still_hides_the_package_build_table()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            release = true

            [package.metadata.lambda.bin.worker.deploy]
            memory = 256
            """);

        Assert.Null(Config(workspace, "worker").Release);
        Assert.True(Config(workspace, "api").Release);
    }

    [Fact]
    public async Task A_bin_table_named_after_the_package_applies_to_its_bins_without_a_table_of_their_own()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            release = true

            [package.metadata.lambda.bin.api.build]
            x86_64 = true
            """);

        // cargo-lambda looks a bin table up by the binary's name, then by the package's.
        Assert.True(Config(workspace, "worker").X86_64);
        Assert.Null(Config(workspace, "worker").Release);
    }

    [Fact]
    public async Task A_workspace_bin_table_merges_over_the_workspace_table()
    {
        var workspace = await WorkspaceAsync(rootToml: """
            [workspace.metadata.lambda.build]
            release = true
            include = ["config"]

            [workspace.metadata.lambda.bin.worker.build]
            arm64 = true
            """);

        var worker = Config(workspace, "worker");

        Assert.True(worker.Arm64);
        Assert.True(worker.Release);
        Assert.Equal(["config"], worker.Include);
    }

    [Fact]
    public async Task CargoLambda_toml_is_found_from_the_working_directory_upward_nearest_first()
    {
        var workspace = await WorkspaceAsync();
        _folder.Write("ws/CargoLambda.toml", "[build]\nprofile = \"workspace-file\"\n");
        _folder.Write("ws/api/CargoLambda.toml", "[build]\nprofile = \"member-file\"\n");

        Assert.Equal("member-file", Config(workspace, "api", new LambdaConfigOptions { WorkingDirectory = _folder["ws/api/src"] }).Profile);
        Assert.Equal("workspace-file", Config(workspace, "api", new LambdaConfigOptions { WorkingDirectory = _folder["ws"] }).Profile);
    }

    [Fact]
    public async Task CargoLambda_toml_above_the_workspace_is_found_too()
    {
        var workspace = await WorkspaceAsync();
        _folder.Write("CargoLambda.toml", "[build]\nprofile = \"repository-file\"\n");

        Assert.Equal("repository-file", Config(workspace, "api").Profile);
    }

    [Fact]
    public async Task A_working_directory_outside_the_workspace_searches_from_the_workspace_root()
    {
        var workspace = await WorkspaceAsync();
        _folder.Write("ws/CargoLambda.toml", "[build]\nprofile = \"workspace-file\"\n");
        _folder.Write("elsewhere/CargoLambda.toml", "[build]\nprofile = \"unrelated\"\n");

        var config = Config(workspace, "api", new LambdaConfigOptions { WorkingDirectory = _folder["elsewhere"] });

        Assert.Equal("workspace-file", config.Profile);
    }

    [Fact]
    public async Task With_a_context_the_context_table_applies_over_default_and_plain_build_is_ignored()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            profile = "from-package"
            """);
        _folder.Write("ws/CargoLambda.toml", """
            [build]
            arm64 = true

            [default.build]
            release = true
            x86_64 = false

            [staging.build]
            x86_64 = true

            [global.build]
            profile = "from-global"
            """);

        var staging = Config(workspace, "api", new LambdaConfigOptions { Context = "staging" });
        var noContext = Config(workspace, "api");

        Assert.Null(staging.Arm64); // [build] is only a profile named "build" once a context is used
        Assert.True(staging.Release); // [default.build]
        Assert.True(staging.X86_64); // [staging.build] over [default.build]
        Assert.Equal("from-global", staging.Profile); // [global.build] over every config layer
        Assert.True(noContext.Arm64);
        Assert.Null(noContext.Release);
        Assert.Equal("from-package", noContext.Profile);
    }

    [Fact]
    public async Task The_context_can_come_from_CARGO_LAMBDA_CONTEXT()
    {
        var workspace = await WorkspaceAsync();
        _folder.Write("ws/CargoLambda.toml", "[prod.build]\nrelease = true\n");

        var config = Config(workspace, "api", new LambdaConfigOptions { Environment = new Dictionary<string, string> { ["CARGO_LAMBDA_CONTEXT"] = "prod" } });

        Assert.True(config.Release);
    }

    [Fact]
    public async Task A_global_file_replaces_CargoLambda_toml()
    {
        var workspace = await WorkspaceAsync();
        _folder.Write("ws/CargoLambda.toml", "[build]\nprofile = \"project-file\"\narm64 = true\n");
        _folder.Write("ws/ci.toml", "[build]\nprofile = \"ci-file\"\n");

        var config = Config(workspace, "api", new LambdaConfigOptions { GlobalFile = "ci.toml" });

        Assert.Equal("ci-file", config.Profile);
        Assert.Null(config.Arm64);
    }

    [Fact]
    public async Task A_missing_global_file_is_an_error_naming_it()
    {
        var workspace = await WorkspaceAsync();

        var error = Assert.Throws<LambdaRustException>(() => Config(workspace, "api", new LambdaConfigOptions { GlobalFile = "nope.toml" }));

        Assert.Contains("'nope.toml'", error.Problem);
    }

    [Fact]
    public async Task CARGO_LAMBDA_BUILD_dotted_variables_are_the_lowest_layer()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            profile = "from-package"
            """);
        var environment = new Dictionary<string, string>
        {
            ["CARGO_LAMBDA_BUILD.RELEASE"] = "true",
            ["CARGO_LAMBDA_BUILD.PROFILE"] = "from-environment",
            ["CARGO_LAMBDA_BUILD.INCLUDE"] = "[config, README.md]",
            ["CARGO_LAMBDA_BUILD.JOBS"] = "4",
            ["CARGO_LAMBDA_BUILD.COMPILER.TYPE"] = "cargo",
        };

        var config = Config(workspace, "api", new LambdaConfigOptions { Environment = environment });

        Assert.True(config.Release);
        Assert.Equal("from-package", config.Profile);
        Assert.Equal(["config", "README.md"], config.Include);
        Assert.Equal(4, config.Jobs);
        Assert.Equal(LambdaCompiler.Cargo, config.Compiler);
    }

    [Fact]
    public async Task CARGO_LAMBDA_BUILD_as_one_table_sets_several_keys()
    {
        var workspace = await WorkspaceAsync();
        var environment = new Dictionary<string, string> { ["CARGO_LAMBDA_BUILD"] = "{release=true, arm64=true, features=[a, \"b\"]}" };

        var config = Config(workspace, "api", new LambdaConfigOptions { Environment = environment });

        Assert.True(config.Release);
        Assert.True(config.Arm64);
        Assert.Equal(["a", "b"], config.Features);
    }

    [Fact]
    public async Task A_wrong_type_in_a_CARGO_LAMBDA_variable_is_an_error_naming_the_variable()
    {
        var workspace = await WorkspaceAsync();
        var environment = new Dictionary<string, string> { ["CARGO_LAMBDA_BUILD.ARM64"] = "yes" };

        var error = Assert.Throws<LambdaRustException>(() => Config(workspace, "api", new LambdaConfigOptions { Environment = environment }));

        Assert.Contains("environment variable CARGO_LAMBDA_BUILD.ARM64", error.Problem);
        Assert.Contains("must be a boolean", error.Problem);
    }

    [Fact]
    public async Task CARGO_LAMBDA_COMPILER_extra_args_override_the_config_extra_args()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            compiler = { type = "cargo", extra_args = ["--from-config"] }
            """);
        var environment = new Dictionary<string, string> { ["CARGO_LAMBDA_COMPILER_EXTRA_ARGS"] = "--one --two" };

        var config = Config(workspace, "api", new LambdaConfigOptions { Environment = environment });

        Assert.Equal(["--one", "--two"], config.CompilerExtraArgs);
    }

    [Fact]
    public async Task CARGO_LAMBDA_COMPILER_beats_the_compiler_every_config_names()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            compiler = { type = "cross" }
            """);
        var functions = workspace.Functions.Select(f => (f, LambdaConfigReader.ForFunction(workspace, f, new LambdaConfigOptions { Environment = NoEnvironment }))).ToList();
        var project = new LoadedProject(workspace, functions);

        var fromEnvironment = LambdaBuilder.ConfiguredCompiler(project, new LambdaConfigOptions
        {
            Environment = new Dictionary<string, string> { ["CARGO_LAMBDA_COMPILER"] = "cargo" },
        });
        var fromConfig = LambdaBuilder.ConfiguredCompiler(project, new LambdaConfigOptions { Environment = NoEnvironment });

        Assert.Equal(LambdaCompiler.Cargo, fromEnvironment);
        Assert.Equal(LambdaCompiler.Cross, fromConfig);
    }

    [Fact]
    public async Task A_misspelled_CARGO_LAMBDA_COMPILER_is_an_error_not_a_silent_zig()
    {
        var workspace = await WorkspaceAsync();
        var project = new LoadedProject(workspace, []);

        var error = Assert.Throws<LambdaRustException>(() => LambdaBuilder.ConfiguredCompiler(project, new LambdaConfigOptions
        {
            Environment = new Dictionary<string, string> { ["CARGO_LAMBDA_COMPILER"] = "crosss" },
        }));

        Assert.Contains("Unknown compiler 'crosss' (environment variable CARGO_LAMBDA_COMPILER)", error.Problem);
    }

    [Fact]
    public async Task Admerge_concatenates_lists_from_every_layer()
    {
        var workspace = await WorkspaceAsync("""
            [package.metadata.lambda.build]
            include = ["assets"]
            """, rootToml: """
            [workspace.metadata.lambda.build]
            include = ["config"]
            """);

        var merged = Config(workspace, "api", new LambdaConfigOptions { Admerge = true });
        var replaced = Config(workspace, "api");
        var fromVariable = Config(workspace, "api", new LambdaConfigOptions { Environment = new Dictionary<string, string> { ["CARGO_LAMBDA_ADMERGE"] = "true" } });

        Assert.Equal(["config", "assets"], merged.Include);
        Assert.Equal(["assets"], replaced.Include);
        Assert.Equal(["config", "assets"], fromVariable.Include);
    }
}
