using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tests.Tools;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Packaging;

/// <summary>
/// A whole packaging run over the example workspace built with real cargo and zig (x86_64): all or nothing, recorded,
/// and tidy after a killed run.
/// </summary>
public sealed class LambdaPackagerTests : IDisposable
{
    private readonly BuildWorkspace _workspace = new();
    private readonly TestDirectory _outside = new();

    public void Dispose()
    {
        _workspace.Dispose();
        _outside.Dispose();
    }

    private string LambdaDirectory(string target) => Path.Combine(_workspace.Root, "target-" + target, "lambda");

    private string ZipOf(string target, string function) => Path.Combine(LambdaDirectory(target), function, "bootstrap.zip");

    /// <summary>hello, goodbye, echo: in that order, so that echo is packaged third.</summary>
    private async Task<IReadOnlyList<LambdaBinary>> BuildAsync(string target)
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, target).SetArchitecture(LambdaArchitecture.X86_64));
        return new[] { "hello", "goodbye", "echo" }.Select(name => binaries.Single(b => b.Name == name)).ToList();
    }

    private Task<IReadOnlyList<LambdaPackage>> PackageAsync(IReadOnlyList<LambdaBinary> binaries) =>
        LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries).SetLogger(_workspace.Logger));

    private IEnumerable<string> TemporaryFiles(string target) =>
        Directory.EnumerateFiles(Path.Combine(_workspace.Root, "target-" + target), "*.tmp", SearchOption.AllDirectories);

    [Fact]
    public async Task A_bad_include_in_the_third_functions_config_replaces_none_of_the_packages()
    {
        var first = await PackageAsync(await BuildAsync("all-or-nothing"));
        var before = first.ToDictionary(p => p.Name, p => File.ReadAllBytes(p.Path));
        // A new greeting changes hello's and goodbye's zips; echo's config now includes a link that leads outside.
        _workspace.Write("functions/greeter/config/greeting.txt", "Hi there");
        Directory.CreateSymbolicLink(Path.Combine(_workspace.Root, "functions", "echo", "outlink"), _outside.Path);
        File.AppendAllText(Path.Combine(_workspace.Root, "functions", "echo", "Cargo.toml"), "\n[package.metadata.lambda.build]\ninclude = [\"outlink\"]\n");
        var rebuilt = await BuildAsync("all-or-nothing");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => PackageAsync(rebuilt));

        Assert.Contains("'outlink' (include in ", error.Problem);
        Assert.Contains(Path.Combine(_workspace.Root, "functions", "echo", "outlink"), error.Problem);
        Assert.All(first, p => Assert.Equal(before[p.Name], File.ReadAllBytes(p.Path)));
        Assert.Empty(TemporaryFiles("all-or-nothing"));
        // Without echo, the same run replaces hello's zip: the failure is what kept it.
        var hello = Assert.Single(await PackageAsync(rebuilt.Take(1).ToList()));
        Assert.NotEqual(before["hello"], File.ReadAllBytes(hello.Path));
    }

    [Fact]
    public async Task A_move_that_fails_says_exactly_which_packages_were_replaced()
    {
        var chattr = TestTools.Require("chattr");
        var first = await PackageAsync(await BuildAsync("move-fails"));
        var before = first.ToDictionary(p => p.Name, p => File.ReadAllBytes(p.Path));
        _workspace.Write("functions/greeter/config/greeting.txt", "Hi there");
        var goodbye = ZipOf("move-fails", "goodbye");
        // An immutable file cannot be renamed over, even by root, while its folder stays writable for the temporary file.
        await TestTools.RunAsync(chattr, "+i", goodbye);
        try
        {
            var error = await Assert.ThrowsAsync<LambdaRustException>(() => PackageAsync(first.Select(p => p.Binary).ToList()));

            var hello = ZipOf("move-fails", "hello");
            var echo = ZipOf("move-fails", "echo");
            Assert.Contains($"{goodbye} could not be replaced", error.Problem);
            Assert.Contains($"Replaced by this run: {hello}.", error.Problem);
            // echo's inputs did not change: its zip is kept, and said so.
            Assert.Contains($"Not replaced (still from an earlier run, or absent): {goodbye}. Unchanged, so kept as they were: {echo}.", error.Problem);
            Assert.NotEqual(before["hello"], File.ReadAllBytes(hello));
            Assert.Equal(before["goodbye"], File.ReadAllBytes(goodbye));
            Assert.Empty(TemporaryFiles("move-fails"));
        }
        finally
        {
            await TestTools.RunAsync(chattr, "-i", goodbye);
        }
    }

    [Fact]
    public async Task A_second_run_with_nothing_changed_keeps_every_package_as_it_is()
    {
        var binaries = await BuildAsync("kept");
        var first = await PackageAsync(binaries);
        var written = first.ToDictionary(p => p.Name, p => File.GetLastWriteTimeUtc(p.Path));
        Thread.Sleep(20); // a rewrite would move the time

        var second = await PackageAsync(binaries);

        Assert.Equal(first.Select(p => p.Hashes), second.Select(p => p.Hashes));
        Assert.All(second, p => Assert.Equal(written[p.Name], File.GetLastWriteTimeUtc(p.Path)));
        Assert.Equal(3, _workspace.Logger.Messages(LogLevel.Information).Count(m => m.Contains("unchanged since it was written: kept as it is", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_package_is_written_again_when_an_include_changed_and_only_that_one()
    {
        var first = await PackageAsync(await BuildAsync("include-changed"));
        var before = first.ToDictionary(p => p.Name, p => File.ReadAllBytes(p.Path));
        _workspace.Write("functions/echo/notes.txt", "first");
        var echoBinary = first.Single(p => p.Name == "echo").Binary;
        Task<IReadOnlyList<LambdaPackage>> PackageEchoWithNotes() =>
            LambdaRustTasks.PackageAsync(s => s.SetBinaries([echoBinary]).AddIncludes("functions/echo/notes.txt").SetLogger(_workspace.Logger));
        await PackageEchoWithNotes();
        var withFirstNotes = File.ReadAllBytes(ZipOf("include-changed", "echo"));

        _workspace.Write("functions/echo/notes.txt", "second");
        await PackageEchoWithNotes();

        Assert.NotEqual(before["echo"], withFirstNotes);
        Assert.NotEqual(withFirstNotes, File.ReadAllBytes(ZipOf("include-changed", "echo")));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(ZipOf("include-changed", "echo")))
        using (var notes = new StreamReader(zip.Entries.Single(e => e.Name == "notes.txt").Open()))
            Assert.Equal("second", notes.ReadToEnd());
        Assert.Equal(before["hello"], File.ReadAllBytes(ZipOf("include-changed", "hello")));
    }

    [Fact]
    public async Task A_package_someone_changed_or_a_new_timestamp_is_written_again()
    {
        var binaries = await BuildAsync("touched");
        var first = await PackageAsync(binaries);
        var hello = ZipOf("touched", "hello");
        var original = File.ReadAllBytes(hello);
        File.WriteAllBytes(hello, [.. original, 0]); // a user's edit: no longer the bytes the record names

        await PackageAsync(binaries);
        Assert.Equal(original, File.ReadAllBytes(hello));

        await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries).SetTimestamp(new DateTimeOffset(2020, 1, 2, 3, 4, 6, TimeSpan.Zero)).SetLogger(_workspace.Logger));
        Assert.NotEqual(original, File.ReadAllBytes(hello));
        Assert.Equal(first.Count, Directory.EnumerateFiles(LambdaDirectory("touched"), "bootstrap.zip", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Packaging_records_each_file_it_wrote_with_its_hash_and_the_folders_it_created()
    {
        var packages = await PackageAsync(await BuildAsync("record"));

        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(LambdaDirectory("record"), PackageOutputRecord.FileName)));

        var files = record.RootElement.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString());
        Assert.Equal(packages.ToDictionary(p => $"{p.Name}/bootstrap.zip", p => (string?)p.Hashes.Sha256Hex), files);
        Assert.Equal(["echo", "goodbye", "hello"],
            record.RootElement.GetProperty("folders").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task A_binary_changed_after_the_build_is_reported_before_any_elf_or_glibc_complaint()
    {
        var binaries = await BuildAsync("changed");
        var echo = binaries.Single(b => b.Name == "echo");
        File.WriteAllText(echo.Path, "not an ELF file any more: another build wrote here");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => PackageAsync([echo]));

        Assert.Contains($"The binary {echo.Path} changed after this run built it", error.Problem);
    }

    [Fact]
    public async Task Packaging_removes_the_temporary_files_a_killed_run_left_in_the_folders_it_writes_and_only_those()
    {
        var binaries = await BuildAsync("killed");
        var echoFolder = Path.GetDirectoryName(ZipOf("killed", "echo"))!;
        Directory.CreateDirectory(echoFolder);
        var abandoned = Path.Combine(echoFolder, $".bootstrap.zip.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(abandoned, "half a zip from a killed run");
        var usersFile = Path.Combine(echoFolder, ".bootstrap.zip.draft.tmp");
        File.WriteAllText(usersFile, "the user's");
        var notOurFolder = Path.Combine(LambdaDirectory("killed"), "other");
        Directory.CreateDirectory(notOurFolder);
        var elsewhere = Path.Combine(notOurFolder, $".bootstrap.zip.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(elsewhere, "in a folder this run does not write");

        await PackageAsync(binaries.Where(b => b.Name == "echo").ToList());

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(usersFile));
        Assert.True(File.Exists(elsewhere));
        Assert.Contains(_workspace.Logger.Messages(LogLevel.Information), m => m.Contains($"Removed {abandoned}, left by an interrupted run"));
    }

    [Fact]
    public async Task A_bare_bootstrap_this_tool_wrote_makes_way_for_the_zip_but_a_users_own_is_left_with_a_warning()
    {
        var binaries = await BuildAsync("formats");
        var echo = binaries.Where(b => b.Name == "echo").ToList();
        var hello = binaries.Where(b => b.Name == "hello").ToList();
        var ours = Assert.Single(await LambdaRustTasks.PackageAsync(s => s.SetBinaries(echo).SetOutputFormat(OutputFormat.Binary)));
        var users = Path.Combine(LambdaDirectory("formats"), "hello", "bootstrap");
        Directory.CreateDirectory(Path.GetDirectoryName(users)!);
        File.WriteAllText(users, "#!/bin/sh\necho the user's own\n");

        await PackageAsync([.. echo, .. hello]);

        Assert.False(File.Exists(ours.Path));
        Assert.True(File.Exists(users));
        Assert.Contains(_workspace.Logger.Messages(LogLevel.Warning), m => m.Contains($"Left {users} beside the new package"));
    }
}
