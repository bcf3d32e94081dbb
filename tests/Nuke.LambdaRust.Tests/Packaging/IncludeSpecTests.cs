using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packaging;

/// <summary>Includes resolved against a real workspace folder with real links, FIFOs and sockets beside it.</summary>
public sealed class IncludeSpecTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly string _workspace;
    private readonly string _outside;

    public IncludeSpecTests()
    {
        _workspace = _directory.Combine("workspace");
        _outside = _directory.Combine("outside");
        _directory.Write("outside/secret.txt", "not for the zip");
        _directory.Write("workspace/data/config.json", "{}");
    }

    public void Dispose() => _directory.Dispose();

    private IReadOnlyList<ZipEntrySource> Resolve(string include, string? packageDirectory = null) =>
        IncludeSpec.Parse(include, "--include").Resolve(_workspace, _workspace, packageDirectory);

    [Fact]
    public void A_folder_becomes_its_files_and_folders_under_its_name()
    {
        _directory.Write("workspace/data/nested/deep.txt", "deep");

        var entries = Resolve("data");

        Assert.Equal(["data/", "data/config.json", "data/nested/", "data/nested/deep.txt"], entries.Select(e => e.EntryPath));
        Assert.Equal(_directory["workspace/data/nested/deep.txt"], entries[3].SourceFile);
    }

    [Fact]
    public void An_included_link_to_a_folder_outside_the_workspace_is_refused_naming_the_link()
    {
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "outlink"), _outside);

        var error = Assert.Throws<LambdaRustException>(() => Resolve("outlink"));

        Assert.Contains("'outlink' (--include)", error.Problem);
        Assert.Contains($"{Path.Combine(_workspace, "outlink")} -> {_outside}", error.Problem);
        Assert.Contains("outside " + _workspace, error.Problem);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void A_file_reached_through_a_link_to_etc_is_refused_naming_the_link()
    {
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "etc-link"), "/etc");

        var error = Assert.Throws<LambdaRustException>(() => Resolve("etc-link/hostname"));

        Assert.Contains("'etc-link/hostname'", error.Problem);
        Assert.Contains($"{Path.Combine(_workspace, "etc-link")} -> /etc", error.Problem);
        Assert.Contains("/etc/hostname", error.Problem);
    }

    [Fact]
    public void A_link_nested_in_an_included_folder_that_leads_outside_is_refused_naming_it()
    {
        Directory.CreateSymbolicLink(_directory["workspace/data/more"], _outside);

        var error = Assert.Throws<LambdaRustException>(() => Resolve("data"));

        Assert.Contains("'data'", error.Problem);
        Assert.Contains($"{_directory["workspace/data/more"]} -> {_outside}", error.Problem);
    }

    [Fact]
    public void A_link_to_a_file_outside_in_an_included_folder_is_refused()
    {
        File.CreateSymbolicLink(_directory["workspace/data/secret.txt"], Path.Combine(_outside, "secret.txt"));

        var error = Assert.Throws<LambdaRustException>(() => Resolve("data"));

        Assert.Contains(_directory["workspace/data/secret.txt"], error.Problem);
        Assert.Contains(Path.Combine(_outside, "secret.txt"), error.Problem);
    }

    [Fact]
    public void A_config_include_of_a_link_outside_is_refused_with_the_configs_origin()
    {
        var package = _directory.Combine("workspace", "functions", "greeter");
        Directory.CreateDirectory(package);
        Directory.CreateSymbolicLink(Path.Combine(package, "outlink"), _outside);

        var error = Assert.Throws<LambdaRustException>(() =>
            IncludeSpec.Parse("outlink", "include in functions/greeter/Cargo.toml").Resolve(_workspace, _workspace, package));

        Assert.Contains("'outlink' (include in functions/greeter/Cargo.toml)", error.Problem);
        Assert.Contains(Path.Combine(package, "outlink"), error.Problem);
    }

    [Fact]
    public void A_symlink_loop_inside_an_included_folder_is_a_clear_error_naming_the_link()
    {
        Directory.CreateSymbolicLink(_directory["workspace/data/loop"], ".");

        var error = Assert.Throws<LambdaRustException>(() => Resolve("data"));

        Assert.Contains("loop", error.Problem);
        Assert.Contains($"{_directory["workspace/data/loop"]} -> .", error.Problem);
        Assert.DoesNotContain("loop/loop", error.Problem);
    }

    [Fact]
    public void Links_that_point_at_each_other_inside_an_included_folder_are_a_clear_error()
    {
        File.CreateSymbolicLink(_directory["workspace/data/one"], "two");
        File.CreateSymbolicLink(_directory["workspace/data/two"], "one");

        var error = Assert.Throws<LambdaRustException>(() => Resolve("data"));

        Assert.Contains($"more than {RealPath.MaxLinks} symbolic links", error.Problem);
        Assert.Contains(_directory["workspace/data/one"], error.Problem);
    }

    [Fact]
    public void A_dangling_link_in_an_included_folder_is_a_clear_error()
    {
        File.CreateSymbolicLink(_directory["workspace/data/gone"], "missing.txt");

        var error = Assert.Throws<LambdaRustException>(() => Resolve("data"));

        Assert.Contains($"{_directory["workspace/data/gone"]} -> missing.txt", error.Problem);
        Assert.Contains("does not exist", error.Problem);
    }

    [Fact]
    public void Links_that_stay_inside_the_workspace_are_followed_and_keep_their_names_in_the_zip()
    {
        _directory.Write("workspace/shared/common.txt", "shared");
        Directory.CreateSymbolicLink(_directory["workspace/data/shared"], "../shared");

        var entries = Resolve("data");

        Assert.Equal(["data/", "data/config.json", "data/shared/", "data/shared/common.txt"], entries.Select(e => e.EntryPath));
        Assert.Equal(_directory["workspace/shared/common.txt"], entries[3].SourceFile);
    }

    [Fact]
    public void A_workspace_reached_through_a_link_still_includes_its_own_files()
    {
        var linkedWorkspace = _directory["linked-workspace"];
        Directory.CreateSymbolicLink(linkedWorkspace, _workspace);

        var entries = IncludeSpec.Parse("data", "--include").Resolve(linkedWorkspace, linkedWorkspace);

        Assert.Equal(["data/", "data/config.json"], entries.Select(e => e.EntryPath));
    }

    [Fact]
    public void The_allowed_root_is_a_parameter_so_a_wider_root_admits_a_sibling_folder()
    {
        _directory.Write("shared/common.txt", "shared");
        var spec = IncludeSpec.Parse("common:../shared", "--include");

        Assert.Throws<LambdaRustException>(() => spec.Resolve(_workspace, _workspace));
        var entries = spec.Resolve(_directory.Path, _workspace);

        Assert.Equal(["common/", "common/common.txt"], entries.Select(e => e.EntryPath));
    }

    [Fact]
    public async Task A_fifo_in_an_included_folder_is_refused_without_opening_it()
    {
        var fifo = await SpecialFiles.FifoAsync(_directory["workspace/data/pipe"]);

        var error = await SpecialFiles.WithoutHangingOnAsync(fifo, () => Task.FromResult(Assert.Throws<LambdaRustException>(() => Resolve("data"))));

        Assert.Contains($"{fifo}, which is a FIFO (named pipe), not a regular file", error.Problem);
        Assert.Contains("Move it out of the included folder", error.Fix);
    }

    [Fact]
    public void A_socket_in_an_included_folder_is_refused()
    {
        using var socket = SpecialFiles.Socket(_directory["workspace/data/app.sock"]);

        var error = Assert.Throws<LambdaRustException>(() => Resolve("data"));

        Assert.Contains($"{_directory["workspace/data/app.sock"]}, which is a socket", error.Problem);
    }

    [Fact]
    public void A_link_to_a_device_is_refused_as_outside_the_workspace()
    {
        File.CreateSymbolicLink(_directory["workspace/data/zero"], "/dev/zero");

        var error = Assert.Throws<LambdaRustException>(() => Resolve("data"));

        Assert.Contains("/dev/zero", error.Problem);
    }

    [Fact]
    public void A_parent_path_outside_the_workspace_is_refused()
    {
        var error = Assert.Throws<LambdaRustException>(() => Resolve("../outside/secret.txt"));

        Assert.Contains("points outside " + _workspace, error.Problem);
    }
}
