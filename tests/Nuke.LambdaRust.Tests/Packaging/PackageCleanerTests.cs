using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packaging;

/// <summary>Clean on a real lambda directory whose record says what packaging wrote there.</summary>
public sealed class PackageCleanerTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly RecordingLogger _logger = new();

    public void Dispose() => _directory.Dispose();

    private string Lambda => _directory["lambda"];

    /// <summary>What a Package run leaves: arm64/echo/bootstrap.zip, recorded with its folders.</summary>
    private string PackageEcho()
    {
        var zip = _directory.Write("lambda/arm64/echo/bootstrap.zip", "a zip");
        var record = PackageOutputRecord.Load(Lambda);
        record.AddFile(zip, ArtifactHashes.Of(zip).Sha256Hex);
        record.AddFolder(_directory["lambda/arm64"]);
        record.AddFolder(_directory["lambda/arm64/echo"]);
        record.Save();
        return zip;
    }

    private PackageCleanReport Clean() => PackageCleaner.Clean([Lambda], _logger, CancellationToken.None);

    [Fact]
    public void Recorded_files_and_the_folders_created_for_them_are_deleted_but_not_the_lambda_dir()
    {
        var zip = PackageEcho();

        var report = Clean();

        Assert.Equal([zip, _directory["lambda/arm64/echo"], _directory["lambda/arm64"]], report.Deleted);
        Assert.Empty(report.LeftAlone);
        Assert.Empty(Directory.GetFileSystemEntries(Lambda));
    }

    [Fact]
    public void A_users_file_in_an_architecture_folder_survives_and_is_named()
    {
        PackageEcho();
        var photo = _directory.Write("lambda/arm64/photos/important.txt", "keep me");

        var report = Clean();

        Assert.True(File.Exists(photo));
        Assert.False(Directory.Exists(_directory["lambda/arm64/echo"]));
        Assert.Equal([photo], report.LeftAlone);
        Assert.Contains(_logger.Messages(LogLevel.Information), m => m == $"Left {photo}: this tool did not write it");
    }

    [Fact]
    public void A_package_the_user_replaced_is_no_longer_ours_and_stays()
    {
        var zip = PackageEcho();
        File.WriteAllText(zip, "the user's own zip now");

        var report = Clean();

        Assert.True(File.Exists(zip));
        Assert.Equal([zip], report.LeftAlone);
        Assert.Contains(_logger.Messages(LogLevel.Information), m => m.StartsWith($"Left {zip}: it changed since this tool wrote it", StringComparison.Ordinal));
    }

    [Fact]
    public void The_record_keeps_a_folder_that_a_users_file_kept_so_a_later_clean_removes_it()
    {
        PackageEcho();
        var photo = _directory.Write("lambda/arm64/photos/important.txt", "keep me");
        Clean();
        File.Delete(photo);
        Directory.Delete(_directory["lambda/arm64/photos"]);

        var report = Clean();

        Assert.Equal([_directory["lambda/arm64"]], report.Deleted);
        Assert.False(File.Exists(Path.Combine(Lambda, PackageOutputRecord.FileName)));
    }

    [Fact]
    public void Without_a_record_nothing_is_deleted_and_the_log_says_why()
    {
        var zip = _directory.Write("lambda/arm64/echo/bootstrap.zip", "from an older version of this tool, or the user's");

        var report = Clean();

        Assert.True(File.Exists(zip));
        Assert.Empty(report.Deleted);
        Assert.Contains(_logger.Messages(LogLevel.Information), m => m.Contains("no record of packages written by this tool"));
    }

    [Fact]
    public void A_record_naming_a_path_outside_the_lambda_dir_is_refused_and_nothing_is_deleted()
    {
        var victim = _directory.Write("precious.txt", "outside the lambda dir");
        var zip = PackageEcho();
        File.WriteAllText(Path.Combine(Lambda, PackageOutputRecord.FileName),
            $$"""{"format":1,"files":{"../precious.txt":"{{ArtifactHashes.Of(victim).Sha256Hex}}"},"folders":[]}""");

        var error = Assert.Throws<LambdaRustException>(Clean);

        Assert.Contains(PackageOutputRecord.FileName, error.Problem);
        Assert.Contains("'../precious.txt'", error.Problem);
        Assert.True(File.Exists(victim));
        Assert.True(File.Exists(zip));
    }
}
