using System.IO.Compression;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// A workspace set up for cargo-lambda (<c>tests/fixtures/cargo-lambda-project</c>: config in the workspace, a package,
/// a bin table and CargoLambda.toml, an extension, includes) built with our host, compared with what cargo-lambda 1.9's
/// code writes for the same selection with <c>cargo lambda build --arm64 -o zip</c>:
/// <list type="bullet">
/// <item>the config is CargoLambda.toml, then <c>[workspace.metadata.lambda]</c>, then the selected bin's
/// <c>[package.metadata.lambda.bin.&lt;bin&gt;]</c> table if it has one, else its package's table; a table's
/// <c>include</c> replaces a lower one's (cargo-lambda-metadata/src/config.rs, figment merge);</item>
/// <item>a function goes to <c>&lt;lambda dir&gt;/&lt;bin&gt;/bootstrap.zip</c>, an extension to
/// <c>&lt;lambda dir&gt;/extensions/&lt;bin&gt;.zip</c> (cargo-lambda-build/src/lib.rs);</item>
/// <item>a zip holds every include walked from its root, folders as entries ending in '/', then <c>extensions/</c> for
/// an extension, then the binary: <c>bootstrap</c> or <c>extensions/&lt;bin&gt;</c> (cargo-lambda-build/src/archive.rs).</item>
/// </list>
/// Each run writes to its own lambda dir (cargo-lambda's <c>--lambda-dir</c>); the target directory is shared.
/// </summary>
public sealed class CargoLambdaDropInTests : IClassFixture<CargoLambdaDropInTests.Project>
{
    /// <summary>Our record of what we wrote (Clean deletes only that); cargo-lambda writes nothing like it.</summary>
    private const string OutputRecord = ".lambda-rust-outputs.json";

    private readonly Project _project;

    public CargoLambdaDropInTests(Project project) => _project = project;

    /// <summary>One copy of the fixture for the class, so cargo compiles each binary once.</summary>
    public sealed class Project : IDisposable
    {
        private readonly TestDirectory _root = new();

        public Project()
        {
            DebianCrates.CopyFixture("cargo-lambda-project", Workspace);
            Directory.CreateDirectory(_root.Combine(".nuke"));
            _root.Write(".nuke/parameters.json", """{ "ManifestPath": "project/Cargo.toml" }""");
        }

        public string Root => _root.Path;

        public string Workspace => _root.Combine("project");

        public void Dispose() => _root.Dispose();
    }

    private async Task<string> PackageAsync(string run, params string[] selection)
    {
        var lambdaDir = Path.Combine(_project.Workspace, "target", "lambda-" + run);
        var output = new StringWriter();
        var exitCode = await BuildHost.RunAsync(
            LambdaTargets.AddTo(new TargetGraph()),
            ["Package", "--arch", "arm64", "--lambda-dir", lambdaDir, "--zig-path", TestTools.Zig(), .. selection],
            new BuildHostOptions { Output = output, RootDirectory = _project.Root, WorkingDirectory = _project.Workspace });
        Assert.True(exitCode == 0, output.ToString());
        return lambdaDir;
    }

    private static string[] FilesUnder(string lambdaDir) =>
        Directory.EnumerateFiles(lambdaDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(lambdaDir, f).Replace('\\', '/'))
            .Where(f => f != OutputRecord)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string[] EntriesOf(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
    }

    private static string[] Sorted(params string[] names) => names.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task A_bin_with_its_own_table_gets_that_table_and_not_its_packages()
    {
        var lambdaDir = await PackageAsync("admin", "--bin", "orders-admin");

        Assert.Equal(["orders-admin/bootstrap.zip"], FilesUnder(lambdaDir));
        Assert.Equal(
            Sorted("admin-config/", "admin-config/settings.toml", "bootstrap"),
            EntriesOf(Path.Combine(lambdaDir, "orders-admin", "bootstrap.zip")));
    }

    [Fact]
    public async Task A_bin_without_a_table_gets_its_packages_table_which_replaces_the_workspace_include()
    {
        var lambdaDir = await PackageAsync("api", "--bin", "orders-api");

        Assert.Equal(["orders-api/bootstrap.zip"], FilesUnder(lambdaDir));
        Assert.Equal(
            Sorted("orders/templates/", "orders/templates/receipt.txt", "orders/templates/refund.txt", "bootstrap"),
            EntriesOf(Path.Combine(lambdaDir, "orders-api", "bootstrap.zip")));
    }

    [Fact]
    public async Task An_extension_package_goes_to_extensions_with_the_workspace_include_its_table_does_not_replace()
    {
        var lambdaDir = await PackageAsync("telemetry", "-p", "telemetry");

        Assert.Equal(["extensions/telemetry.zip"], FilesUnder(lambdaDir));
        Assert.Equal(
            Sorted("static/banner.txt", "extensions/", "extensions/telemetry"),
            EntriesOf(Path.Combine(lambdaDir, "extensions", "telemetry.zip")));
    }

    /// <summary>
    /// Where cargo-lambda applies no package config at all (several packages, nothing selected: every function gets
    /// only CargoLambda.toml and the workspace table, so telemetry would be zipped as a function), we keep applying each
    /// function's own: the whole workspace in one run writes what the three runs above write together.
    /// </summary>
    [Fact]
    public async Task The_whole_workspace_in_one_run_applies_each_functions_own_config()
    {
        var lambdaDir = await PackageAsync("all");

        Assert.Equal(["extensions/telemetry.zip", "orders-admin/bootstrap.zip", "orders-api/bootstrap.zip"], FilesUnder(lambdaDir));
        Assert.Equal(Sorted("admin-config/", "admin-config/settings.toml", "bootstrap"), EntriesOf(Path.Combine(lambdaDir, "orders-admin", "bootstrap.zip")));
        Assert.Contains("orders/templates/receipt.txt", EntriesOf(Path.Combine(lambdaDir, "orders-api", "bootstrap.zip")));
        Assert.Contains("extensions/telemetry", EntriesOf(Path.Combine(lambdaDir, "extensions", "telemetry.zip")));
    }

    [Fact]
    public async Task Flatten_puts_the_named_functions_bootstrap_at_the_root_of_the_lambda_dir()
    {
        var lambdaDir = await PackageAsync("flat", "--bin", "orders-api", "--flatten", "orders-api");

        Assert.Equal(["bootstrap.zip"], FilesUnder(lambdaDir));
        Assert.Contains("bootstrap", EntriesOf(Path.Combine(lambdaDir, "bootstrap.zip")));
    }

    [Fact]
    public async Task An_internal_extension_has_its_binary_at_the_zip_root_under_its_own_name()
    {
        var lambdaDir = await PackageAsync("internal", "--bin", "orders-api", "--extension", "--internal", "--include", "orders/admin");

        Assert.Equal(["extensions/orders-api.zip"], FilesUnder(lambdaDir));
        Assert.Equal(Sorted("orders/admin/", "orders/admin/settings.toml", "orders-api"), EntriesOf(Path.Combine(lambdaDir, "extensions", "orders-api.zip")));
    }

    [Fact]
    public async Task A_command_line_include_replaces_the_configs()
    {
        var lambdaDir = await PackageAsync("cli-include", "--bin", "orders-admin", "--include", "static/banner.txt");

        Assert.Equal(Sorted("static/banner.txt", "bootstrap"), EntriesOf(Path.Combine(lambdaDir, "orders-admin", "bootstrap.zip")));
    }

    /// <summary>
    /// cargo-lambda's --admerge appends every layer's list: CargoLambda.toml's, the workspace table's, the bin table's and
    /// the command line's; the same include twice (workspace and command line) is one entry, as its include map keeps it.
    /// </summary>
    [Fact]
    public async Task Include_merge_appends_every_layers_includes_and_the_command_lines()
    {
        var lambdaDir = await PackageAsync("cli-merge", "--bin", "orders-admin", "--include", "static/banner.txt", "--include-merge");

        Assert.Equal(
            Sorted("static/ignored-by-the-workspace-table.txt", "static/banner.txt", "admin-config/", "admin-config/settings.toml", "bootstrap"),
            EntriesOf(Path.Combine(lambdaDir, "orders-admin", "bootstrap.zip")));
    }

    [Fact]
    public async Task Layout_by_arch_keeps_an_architecture_folder_for_a_single_architecture()
    {
        var lambdaDir = await PackageAsync("by-arch", "--bin", "orders-api", "--layout", "by-arch");

        Assert.Equal(["arm64/orders-api/bootstrap.zip"], FilesUnder(lambdaDir));
    }
}
