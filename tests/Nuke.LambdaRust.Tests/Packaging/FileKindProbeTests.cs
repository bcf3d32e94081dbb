using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packaging;

public sealed class FileKindProbeTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_regular_file_and_a_folder_are_told_apart()
    {
        var file = _directory.Write("data/file.txt", "text");

        Assert.Equal(FileKind.Regular, FileKindProbe.Of(file));
        Assert.Equal(FileKind.Directory, FileKindProbe.Of(_directory["data"]));
    }

    [Fact]
    public async Task A_fifo_is_a_fifo_although_dotnet_calls_it_a_normal_file()
    {
        var fifo = await SpecialFiles.FifoAsync(_directory["pipe"]);

        Assert.Equal(FileAttributes.Normal, new FileInfo(fifo).Attributes);
        Assert.Equal(FileKind.Fifo, FileKindProbe.Of(fifo));
    }

    [Fact]
    public void A_unix_socket_is_a_socket()
    {
        using var socket = SpecialFiles.Socket(_directory["app.sock"]);

        Assert.Equal(FileKind.Socket, FileKindProbe.Of(_directory["app.sock"]));
    }

    [Fact]
    public void Dev_null_is_a_character_device()
    {
        Assert.Equal(FileKind.CharacterDevice, FileKindProbe.Of("/dev/null"));
    }

    [Fact]
    public void A_link_is_reported_as_a_link_and_its_target_on_request()
    {
        var nullLink = _directory["to-null"];
        File.CreateSymbolicLink(nullLink, "/dev/null");

        Assert.Equal(FileKind.SymbolicLink, FileKindProbe.Of(nullLink));
        Assert.Equal(FileKind.CharacterDevice, FileKindProbe.OfTarget(nullLink));
    }

    [Fact]
    public void A_missing_path_and_a_dangling_link_are_missing()
    {
        var dangling = _directory["dangling"];
        File.CreateSymbolicLink(dangling, _directory["nowhere"]);

        Assert.Equal(FileKind.Missing, FileKindProbe.Of(_directory["nowhere"]));
        Assert.Equal(FileKind.SymbolicLink, FileKindProbe.Of(dangling));
        Assert.Equal(FileKind.Missing, FileKindProbe.OfTarget(dangling));
    }
}
