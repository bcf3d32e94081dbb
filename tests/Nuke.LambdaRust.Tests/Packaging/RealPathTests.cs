using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packaging;

public sealed class RealPathTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_link_to_a_folder_in_the_middle_of_a_path_is_followed()
    {
        _directory.Write("real/inner/file.txt", "x");
        Directory.CreateSymbolicLink(_directory["link"], _directory["real"]);

        Assert.Equal(_directory["real/inner/file.txt"], RealPath.Resolve(_directory["link/inner/file.txt"]));
    }

    [Fact]
    public void A_relative_link_target_starts_at_the_links_folder_and_dot_dot_is_physical()
    {
        _directory.Write("a/b/target.txt", "x");
        Directory.CreateDirectory(_directory["c"]);
        Directory.CreateSymbolicLink(_directory["c/up"], "../a/b");

        // c/up/.. is a/ (the link's target's parent), not c/.
        Assert.Equal(_directory["a/b/target.txt"], RealPath.Resolve(_directory["c/up/target.txt"]));
        Assert.Equal(_directory["a"], RealPath.Resolve(_directory["c/up/.."]));
    }

    [Fact]
    public void A_chain_of_links_that_point_at_each_other_is_a_loop()
    {
        File.CreateSymbolicLink(_directory["one"], "two");
        File.CreateSymbolicLink(_directory["two"], "one");

        Assert.Null(RealPath.Resolve(_directory["one"]));
    }

    [Fact]
    public void A_link_to_its_own_folder_resolves_to_that_folder_however_deep()
    {
        Directory.CreateDirectory(_directory["data"]);
        Directory.CreateSymbolicLink(_directory["data/loop"], ".");

        Assert.Equal(_directory["data"], RealPath.Resolve(_directory["data/loop/loop/loop"]));
    }

    [Fact]
    public void Missing_components_are_kept_as_written()
    {
        Assert.Equal(_directory["no/such/file"], RealPath.Resolve(_directory["no/such/file"]));
    }

    [Theory]
    [InlineData("/ws", "/ws", true)]
    [InlineData("/ws", "/ws/a", true)]
    [InlineData("/ws/", "/ws/a", true)]
    [InlineData("/ws", "/wsx/a", false)]
    [InlineData("/ws", "/", false)]
    [InlineData("/", "/etc", true)]
    public void Inside_means_the_root_itself_or_below_it(string root, string path, bool inside)
    {
        Assert.Equal(inside, RealPath.IsInside(root, path));
    }
}
