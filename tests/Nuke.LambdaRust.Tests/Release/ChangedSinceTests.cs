using System.Runtime.Versioning;
using Nuke.LambdaRust.Release;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Release;

/// <summary>
/// <c>--changed-since</c> on a git repository of the Release fixture, with real git and cargo metadata: which
/// functions a change reaches, and why. Each test has its own repository.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ChangedSinceTests : IDisposable
{
    private readonly Monorepo _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task A_change_to_one_package_takes_only_its_functions()
    {
        _repository.Touch("functions/users/src/bin/users-get.rs");
        _repository.Commit("users-get: a change");

        var changes = await ChangesAsync("HEAD~1");

        Assert.Equal(["users-get", "users-put"], Included(changes));
        Assert.Contains("its package users changed: functions/users/src/bin/users-get.rs", Reasons(changes, "users-put"));
        Assert.Contains("nothing changed in orders, its 2 path dependencies", Reasons(changes, "orders-create"));
    }

    [Fact]
    public async Task A_change_to_the_shared_crate_takes_every_function_that_depends_on_it()
    {
        _repository.Touch("crates/shared/src/lib.rs");
        _repository.Commit("shared: a change");

        var changes = await ChangesAsync("HEAD~1");

        Assert.Equal(["orders-create", "orders-list", "users-get", "users-put"], Included(changes));
        Assert.Contains("its path dependency shared changed: crates/shared/src/lib.rs", Reasons(changes, "orders-list"));
        Assert.False(changes.Single(c => c.Function.Name == "ping").Included);
    }

    [Fact]
    public async Task A_change_to_workspace_config_takes_every_function()
    {
        Directory.CreateDirectory(Path.Combine(_repository.Directory, ".cargo"));
        File.WriteAllText(Path.Combine(_repository.Directory, ".cargo", "config.toml"), "[build]\nincremental = false\n");
        _repository.Commit("cargo config");

        var changes = await ChangesAsync("HEAD~1");

        Assert.Equal(["orders-create", "orders-list", "ping", "users-get", "users-put"], Included(changes));
        Assert.Contains("workspace config changed: .cargo/config.toml", Reasons(changes, "ping"));
    }

    [Fact]
    public async Task Uncommitted_changes_count_as_changes()
    {
        _repository.Touch("functions/ping/src/main.rs");

        var changes = await ChangesAsync("HEAD");

        Assert.Equal(["ping"], Included(changes));
    }

    [Fact]
    public async Task A_file_outside_every_package_changes_nothing()
    {
        File.WriteAllText(Path.Combine(_repository.Directory, "README.md"), "docs\n");
        _repository.Commit("docs");

        var changes = await ChangesAsync("HEAD~1");

        Assert.Empty(Included(changes));
    }

    [Fact]
    public async Task A_re_pinned_Cargo_lock_entry_takes_only_the_functions_that_use_it()
    {
        // A git dependency from a local repository: a real Cargo.lock entry with a source, without crates.io.
        var dependency = Path.Combine(_repository.Root, "pinned");
        Directory.CreateDirectory(Path.Combine(dependency, "src"));
        File.WriteAllText(Path.Combine(dependency, "Cargo.toml"), "[package]\nname = \"pinned\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n");
        File.WriteAllText(Path.Combine(dependency, "src", "lib.rs"), "pub const LEVEL: u32 = 1;\n");
        RunIn(dependency, "git", "init", "--quiet", "--initial-branch=main");
        CommitIn(dependency, "pinned 1");
        _repository.Touch("functions/ping/Cargo.toml", $"pinned = {{ git = \"file://{dependency}\" }}");
        RunIn(_repository.Directory, "cargo", "generate-lockfile", "--manifest-path", _repository.Manifest);
        _repository.Commit("ping uses pinned");
        File.WriteAllText(Path.Combine(dependency, "src", "lib.rs"), "pub const LEVEL: u32 = 2;\n");
        CommitIn(dependency, "pinned 2");
        RunIn(_repository.Directory, "cargo", "update", "--manifest-path", _repository.Manifest, "--package", "pinned");
        _repository.Commit("re-pin pinned");

        var changes = await ChangesAsync("HEAD~1");

        Assert.Equal(["ping"], Included(changes));
        Assert.Contains("Cargo.lock entries it uses changed: pinned 0.1.0 is new", Reasons(changes, "ping"));
    }

    [Fact]
    public async Task A_ref_that_does_not_exist_is_a_clear_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() => ChangesAsync("no-such-branch"));

        Assert.Contains("'no-such-branch', which is not a commit in the git repository", error.Problem);
        Assert.Contains("fetch-depth: 0", error.Fix);
    }

    [Fact]
    public async Task Nothing_changed_since_the_ref_is_a_clear_error_and_writes_nothing()
    {
        var output = _repository.Output("nothing");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _repository.ReleaseAsync(output, s => s with { ChangedSince = "HEAD" }));

        Assert.Contains("Nothing to release: no selected function changed since HEAD", error.Problem);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Monorepo.Leftovers(output));
    }

    [Fact]
    public async Task Release_changed_since_builds_and_ships_only_the_changed_package_s_functions()
    {
        _repository.Touch("functions/users/src/bin/users-put.rs");
        _repository.Commit("users-put: a change");
        var output = _repository.Output("changed");

        var report = await _repository.ReleaseAsync(output, s => s with { ChangedSince = "HEAD~1" });

        Assert.Equal(["users-get-arm64.zip", "users-get-x86_64.zip", "users-put-arm64.zip", "users-put-x86_64.zip"],
            report.Manifest.Sorted.Select(a => a.Zip));
        Assert.Equal(["users-get-arm64.zip", "users-get-x86_64.zip", "users-put-arm64.zip", "users-put-x86_64.zip"],
            Directory.GetFiles(output, "*.zip").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(5, report.Changes.Count);
    }

    private static void CommitIn(string directory, string message)
    {
        RunIn(directory, "git", "add", "--all");
        RunIn(directory, "git", "-c", "user.name=Release Test", "-c", "user.email=release@test.invalid", "commit", "--quiet", "--no-gpg-sign", "-m", message);
    }

    private static void RunIn(string directory, string program, params string[] arguments) => Monorepo.Run(directory, program, arguments);

    private async Task<IReadOnlyList<FunctionChange>> ChangesAsync(string reference)
    {
        var settings = new ReleaseSettings { Build = new ZigBuildSettings { ManifestPath = _repository.Manifest }, ChangedSince = reference };
        var project = await LambdaBuilder.LoadAsync(settings.Build, CancellationToken.None);
        return await ReleaseBuilder.SelectAsync(settings, project, CancellationToken.None);
    }

    private static IReadOnlyList<string> Included(IReadOnlyList<FunctionChange> changes) =>
        changes.Where(c => c.Included).Select(c => c.Function.Name).Order(StringComparer.Ordinal).ToList();

    private static string Reasons(IReadOnlyList<FunctionChange> changes, string function) =>
        string.Join("; ", changes.Single(c => c.Function.Name == function).Reasons);
}
