using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packaging;

public sealed class StagedOutputTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_committed_output_replaces_the_destination_and_leaves_no_temporary_file()
    {
        var destination = _directory.Write("out/bootstrap.zip", "old");

        using (var staged = StagedOutput.Create(destination))
        {
            staged.Stream.Write("new"u8);
            staged.Complete();
            staged.Commit();
        }

        Assert.Equal("new", File.ReadAllText(destination));
        Assert.Equal(["bootstrap.zip"], Directory.GetFiles(_directory["out"]).Select(Path.GetFileName));
    }

    [Fact]
    public void A_disposed_uncommitted_output_leaves_the_destination_as_it_was()
    {
        var destination = _directory.Write("out/bootstrap.zip", "old");

        using (var staged = StagedOutput.Create(destination))
        {
            staged.Stream.Write("new"u8);
            staged.Complete();
        }

        Assert.Equal("old", File.ReadAllText(destination));
        Assert.Equal(["bootstrap.zip"], Directory.GetFiles(_directory["out"]).Select(Path.GetFileName));
    }

    [Fact]
    public void Temporary_files_a_killed_run_left_are_removed_and_only_ours()
    {
        var destination = _directory["out/bootstrap.zip"];
        var abandoned = _directory.Write($"out/.bootstrap.zip.{Guid.NewGuid():N}.tmp", "half a zip");
        var lookAlikes = new[]
        {
            _directory.Write("out/.bootstrap.zip.notes.tmp", "the user's"),
            _directory.Write($"out/.bootstrap.zip.{Guid.NewGuid():N}.tmp.keep", "the user's"),
            _directory.Write($"out/.other.zip.{Guid.NewGuid():N}.tmp", "another output's"),
            _directory.Write($"out/.bootstrap.zip.{Guid.NewGuid().ToString("N").ToUpperInvariant()}.tmp", "not our spelling"),
            _directory.Write($"elsewhere/.bootstrap.zip.{Guid.NewGuid():N}.tmp", "another folder's"),
        };

        var removed = StagedOutput.RemoveAbandoned(destination);

        Assert.Equal([abandoned], removed);
        Assert.False(File.Exists(abandoned));
        Assert.All(lookAlikes, file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public void A_temporary_file_that_a_running_packager_holds_is_not_removed()
    {
        var destination = _directory["out/bootstrap.zip"];
        using var running = StagedOutput.Create(destination);
        running.Stream.Write("being written"u8);

        var removed = StagedOutput.RemoveAbandoned(destination);

        Assert.Empty(removed);
        Assert.True(File.Exists(running.TemporaryPath));
    }
}
