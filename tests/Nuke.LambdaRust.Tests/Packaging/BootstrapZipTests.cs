using Nuke.LambdaRust.Model;
using System.Text.Json;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packaging;

public sealed class BootstrapZipTests : IDisposable
{
    private static readonly DateTimeOffset Fixed = new(2024, 5, 6, 7, 8, 10, TimeSpan.Zero);

    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Zip_of_unchanged_files_is_identical_after_mtime_change()
    {
        var entries = TypicalEntries();
        var first = await BootstrapZip.WriteAsync(_directory["first.zip"], entries);

        File.SetLastWriteTimeUtc(entries[0].SourceFile!, DateTime.UtcNow.AddDays(-3));
        File.SetLastWriteTimeUtc(entries[1].SourceFile!, DateTime.UtcNow.AddDays(2));
        var second = await BootstrapZip.WriteAsync(_directory["second.zip"], entries);

        Assert.Equal(File.ReadAllBytes(_directory["first.zip"]), File.ReadAllBytes(_directory["second.zip"]));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Zipinfo_shows_bootstrap_executable_and_data_file_readable_at_the_root()
    {
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], TypicalEntries(), Fixed);

        var listing = await ZipListing.ReadAsync(_directory["bootstrap.zip"]);

        var bootstrap = Assert.Single(listing, e => e.Name == "bootstrap");
        Assert.Equal("-rwxr-xr-x", bootstrap.Mode);
        Assert.Equal("unx", bootstrap.HostSystem);
        var data = Assert.Single(listing, e => e.Name == "config.json");
        Assert.Equal("-rw-r--r--", data.Mode);
        Assert.Equal("unx", data.HostSystem);
    }

    [Fact]
    public async Task Folders_are_entries_only_where_given_as_in_cargo_lambdas_zips()
    {
        var entries = new[]
        {
            new ZipEntrySource("bootstrap", _directory.Write("src/bootstrap", "#!/bin/sh\n"), Executable: true),
            ZipEntrySource.ForDirectory("extensions/"),
            new ZipEntrySource("extensions/telemetry/agent", _directory.Write("src/agent", "agent"), Executable: true),
        };
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], entries, Fixed);

        var listing = await ZipListing.ReadAsync(_directory["bootstrap.zip"]);

        Assert.Equal(["bootstrap", "extensions/", "extensions/telemetry/agent"], listing.Select(e => e.Name));
        Assert.Equal("drwxr-xr-x", Assert.Single(listing, e => e.Name.EndsWith('/')).Mode);
    }

    [Fact]
    public async Task A_file_given_twice_from_the_same_source_is_stored_once()
    {
        var source = _directory.Write("src/banner.txt", "hello");
        var entries = new[]
        {
            new ZipEntrySource("bootstrap", _directory.Write("src/bootstrap", "#!/bin/sh\n"), Executable: true),
            new ZipEntrySource("static/banner.txt", source, Executable: false),
            new ZipEntrySource("static/banner.txt", source, Executable: false),
        };
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], entries, Fixed);

        Assert.Equal(["bootstrap", "static/banner.txt"], (await ZipListing.ReadAsync(_directory["bootstrap.zip"])).Select(e => e.Name));
    }

    [Fact]
    public async Task Entries_have_no_extra_fields_and_no_data_descriptors()
    {
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], TypicalEntries(), Fixed);

        var listing = await ZipListing.ReadAsync(_directory["bootstrap.zip"]);

        // zipinfo's second flag character is '-' only when an entry has neither an extra field nor a data descriptor.
        Assert.All(listing, e => Assert.Equal('-', e.Flags[1]));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Unzip_extracts_an_executable_bootstrap_equal_to_its_source()
    {
        var entries = TypicalEntries();
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], entries, Fixed);

        await TestTools.RunAsync("unzip", "-q", _directory["bootstrap.zip"], "-d", _directory["extracted"]);

        var extracted = _directory["extracted/bootstrap"];
        Assert.Equal(File.ReadAllBytes(entries[0].SourceFile!), File.ReadAllBytes(extracted));
        var mode = File.GetUnixFileMode(extracted);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), $"extracted bootstrap has mode {mode}");
        Assert.Equal(File.ReadAllBytes(entries[1].SourceFile!), File.ReadAllBytes(_directory["extracted/config.json"]));
    }

    [Fact]
    public async Task Unzip_test_finds_every_crc_and_size_correct()
    {
        var random = new byte[50_000];
        new Random(42).NextBytes(random);
        var entries = new[]
        {
            new ZipEntrySource("bootstrap", _directory.Write("src/bootstrap", string.Concat(Enumerable.Repeat("compressible text ", 5000))), Executable: true),
            new ZipEntrySource("random.bin", _directory.Write("src/random.bin", random), Executable: false),
            new ZipEntrySource("empty", _directory.Write("src/empty", []), Executable: false),
            ZipEntrySource.ForDirectory("generated/"),
            ZipEntrySource.FromContent("generated/settings.txt", "from memory"u8.ToArray()),
        };
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], entries, Fixed);

        var output = await TestTools.RunAsync("unzip", "-t", _directory["bootstrap.zip"]);

        Assert.Contains(output, line => line.Contains("No errors detected", StringComparison.Ordinal));
        Assert.Equal(5, output.Count(line => line.TrimEnd().EndsWith("OK", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Python_zipfile_reads_unix_modes_and_unix_create_system()
    {
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], TypicalEntries(), Fixed);

        var entries = await ReadWithPythonAsync(_directory["bootstrap.zip"]);

        Assert.Equal(["bootstrap", "config.json", "extensions/", "extensions/agent"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal(3, e.CreateSystem));
        Assert.Equal(Convert.ToInt32("100755", 8), entries.Single(e => e.Name == "bootstrap").Mode);
        Assert.Equal(Convert.ToInt32("100755", 8), entries.Single(e => e.Name == "extensions/agent").Mode);
        Assert.Equal(Convert.ToInt32("100644", 8), entries.Single(e => e.Name == "config.json").Mode);
        Assert.Equal(Convert.ToInt32("40755", 8), entries.Single(e => e.Name == "extensions/").Mode);
    }

    [Fact]
    public async Task Data_that_deflate_cannot_shrink_is_stored_and_the_rest_deflated()
    {
        var random = new byte[20_000];
        new Random(7).NextBytes(random);
        var entries = new[]
        {
            new ZipEntrySource("bootstrap", _directory.Write("src/bootstrap", string.Concat(Enumerable.Repeat("abc", 10_000))), Executable: true),
            new ZipEntrySource("random.bin", _directory.Write("src/random.bin", random), Executable: false),
            new ZipEntrySource("empty", _directory.Write("src/empty", []), Executable: false),
        };
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], entries, Fixed);

        var methods = (await ZipListing.ReadAsync(_directory["bootstrap.zip"])).ToDictionary(e => e.Name, e => e.Method);

        Assert.StartsWith("def", methods["bootstrap"]);
        Assert.Equal("stor", methods["random.bin"]);
        Assert.Equal("stor", methods["empty"]);
    }

    [Fact]
    public async Task Source_date_epoch_sets_the_stored_date()
    {
        var timestamp = BootstrapZip.ResolveTimestamp(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1700000000" });
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], TypicalEntries(), timestamp);

        var listing = await ZipListing.ReadAsync(_directory["bootstrap.zip"]);

        // 1700000000 is 2023-11-14T22:13:20Z; zip stores the UTC wall-clock fields.
        Assert.All(listing, e => Assert.Equal("20231114.221320", e.Timestamp));
    }

    [Fact]
    public async Task Without_source_date_epoch_every_entry_is_dated_1980_01_01()
    {
        var timestamp = BootstrapZip.ResolveTimestamp(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = null });
        await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], TypicalEntries(), timestamp);

        var listing = await ZipListing.ReadAsync(_directory["bootstrap.zip"]);

        Assert.Equal(new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero), timestamp);
        Assert.All(listing, e => Assert.Equal("19800101.000000", e.Timestamp));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-86400")]
    [InlineData("315532799")]
    public void Source_date_epoch_before_1980_is_clamped_to_1980(string value)
    {
        var timestamp = BootstrapZip.ResolveTimestamp(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = value });

        Assert.Equal(new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero), timestamp);
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("253402300800")]
    [InlineData("-62135596801")]
    public void Source_date_epoch_beyond_the_years_1_to_9999_is_out_of_range_and_the_message_gives_the_range(string value)
    {
        var error = Assert.Throws<LambdaRustException>(() =>
            BootstrapZip.ResolveTimestamp(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = value }));

        Assert.Contains($"SOURCE_DATE_EPOCH='{value}' is out of range", error.Problem);
        Assert.Contains("between -62135596800 and 253402300799", error.Problem);
        Assert.DoesNotContain("not a whole number", error.Problem);
    }

    [Fact]
    public void Source_date_epoch_after_2107_is_clamped_to_the_last_time_a_zip_can_store()
    {
        var timestamp = BootstrapZip.ResolveTimestamp(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "5000000000" });

        Assert.Equal(new DateTimeOffset(2107, 12, 31, 23, 59, 58, TimeSpan.Zero), timestamp);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("1700000000.5")]
    [InlineData("0x10")]
    public void Invalid_source_date_epoch_is_rejected_naming_the_variable_and_value(string value)
    {
        var error = Assert.Throws<LambdaRustException>(() =>
            BootstrapZip.ResolveTimestamp(new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = value }));

        Assert.Contains("SOURCE_DATE_EPOCH", error.Problem);
        Assert.Contains($"'{value}'", error.Problem);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public async Task Entries_are_sorted_by_path_whatever_the_input_order()
    {
        var entries = new[]
        {
            new ZipEntrySource("zeta.txt", _directory.Write("src/zeta", "z"), Executable: false),
            new ZipEntrySource("lib/b.so", _directory.Write("src/b", "b"), Executable: false),
            new ZipEntrySource("bootstrap", _directory.Write("src/bootstrap", "boot"), Executable: true),
            new ZipEntrySource("Alpha.txt", _directory.Write("src/Alpha", "A"), Executable: false),
            new ZipEntrySource("lib/a.so", _directory.Write("src/a", "a"), Executable: false),
            ZipEntrySource.ForDirectory("lib/"),
        };
        await BootstrapZip.WriteAsync(_directory["forward.zip"], entries, Fixed);
        await BootstrapZip.WriteAsync(_directory["reverse.zip"], entries.Reverse(), Fixed);

        var names = (await ZipListing.ReadAsync(_directory["forward.zip"])).Select(e => e.Name).ToList();

        Assert.Equal(["Alpha.txt", "bootstrap", "lib/", "lib/a.so", "lib/b.so", "zeta.txt"], names);
        Assert.Equal(File.ReadAllBytes(_directory["forward.zip"]), File.ReadAllBytes(_directory["reverse.zip"]));
    }

    [Fact]
    public async Task Code_sha256_is_base64_of_the_sha256_that_sha256sum_computes()
    {
        var hashes = await BootstrapZip.WriteAsync(_directory["bootstrap.zip"], TypicalEntries(), Fixed);

        var sha256sum = (await TestTools.RunAsync("sha256sum", _directory["bootstrap.zip"])).Single().Split(' ')[0];
        var base64 = (await TestTools.PythonAsync(
            "import base64, sys; print(base64.b64encode(bytes.fromhex(sys.argv[1])).decode())", sha256sum)).Single();

        Assert.Equal(sha256sum, hashes.Sha256Hex);
        Assert.Equal(base64, hashes.CodeSha256);
        Assert.Equal(new FileInfo(_directory["bootstrap.zip"]).Length, hashes.Size);
        Assert.Equal(hashes, ArtifactHashes.Of(_directory["bootstrap.zip"]));
    }

    [Fact]
    public async Task Failed_write_keeps_the_previous_zip_and_leaves_no_temp_file()
    {
        var zip = _directory["out/bootstrap.zip"];
        await BootstrapZip.WriteAsync(zip, TypicalEntries(), Fixed);
        var before = File.ReadAllBytes(zip);
        var missing = _directory["src/not-built"];

        // "bootstrap" sorts before "zz-missing", so the failure happens while the temp file is half written.
        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BootstrapZip.WriteAsync(
            zip,
            [.. TypicalEntries(), new ZipEntrySource("zz-missing", missing, Executable: false)],
            Fixed));

        Assert.Contains(missing, error.Problem);
        Assert.Equal(["bootstrap.zip"], Directory.GetFiles(_directory["out"]).Select(Path.GetFileName));
        Assert.Equal(before, File.ReadAllBytes(zip));
    }

    [Fact]
    public async Task Cancelled_write_leaves_no_zip_and_no_temp_file()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            BootstrapZip.WriteAsync(_directory["out/bootstrap.zip"], TypicalEntries(), Fixed, cancellation.Token));

        Assert.Empty(Directory.Exists(_directory["out"]) ? Directory.GetFileSystemEntries(_directory["out"]) : []);
    }

    [Fact]
    public async Task A_write_cancelled_inside_a_large_file_stops_there_and_keeps_the_previous_zip()
    {
        var zip = _directory["out/bootstrap.zip"];
        await BootstrapZip.WriteAsync(zip, TypicalEntries(), Fixed);
        var before = File.ReadAllBytes(zip);
        var large = _directory.Write("src/large.bin", []);
        using (var stream = File.OpenWrite(large))
            stream.SetLength(3L << 30); // sparse: 3 GiB of zeros that take no disk space
        using var cancellation = new CancellationTokenSource();
        var readBefore = BytesReadByThisProcess();

        var write = Task.Run(() => BootstrapZip.WriteAsync(zip, [new ZipEntrySource("large.bin", large, Executable: false)], Fixed, cancellation.Token));
        // Cancel once deflated bytes of the large file reach the temporary zip: the writer is then inside that file.
        while (!write.IsCompleted && TemporaryZipLength(_directory["out"]) <= 64 * 1024)
            await Task.Delay(10);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        // Stopped inside the file: far less than its 3 GiB was read (other tests' reads only add to the count).
        Assert.True(BytesReadByThisProcess() - readBefore < 1L << 30, "the whole large file was read before the write stopped");
        Assert.Equal(before, File.ReadAllBytes(zip));
        Assert.Equal(["bootstrap.zip"], Directory.GetFiles(_directory["out"]).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_fifo_given_as_a_source_is_refused_without_opening_it()
    {
        var fifo = await SpecialFiles.FifoAsync(_directory["src/pipe"]);

        var error = await SpecialFiles.WithoutHangingOnAsync(fifo, () => Assert.ThrowsAsync<LambdaRustException>(() =>
            BootstrapZip.WriteAsync(_directory["out/bootstrap.zip"], [new ZipEntrySource("bootstrap", fifo, Executable: true)], Fixed)));

        Assert.Contains($"'{fifo}' (zip entry 'bootstrap') is a FIFO (named pipe), not a regular file", error.Problem);
        Assert.Empty(Directory.Exists(_directory["out"]) ? Directory.GetFileSystemEntries(_directory["out"]) : []);
    }

    [Fact]
    public async Task Duplicate_entry_paths_are_rejected_naming_the_path()
    {
        var entries = new[]
        {
            new ZipEntrySource("bootstrap", _directory.Write("src/one", "1"), Executable: true),
            new ZipEntrySource("bootstrap", _directory.Write("src/two", "2"), Executable: true),
        };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BootstrapZip.WriteAsync(_directory["bootstrap.zip"], entries, Fixed));

        Assert.Contains("'bootstrap'", error.Problem);
        Assert.Contains(_directory["src/two"], error.Problem);
        Assert.False(File.Exists(_directory["bootstrap.zip"]));
    }

    [Fact]
    public async Task A_file_path_that_is_also_a_folder_is_rejected()
    {
        var entries = new[]
        {
            new ZipEntrySource("extensions", _directory.Write("src/one", "1"), Executable: true),
            new ZipEntrySource("extensions/agent", _directory.Write("src/two", "2"), Executable: true),
        };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BootstrapZip.WriteAsync(_directory["bootstrap.zip"], entries, Fixed));

        Assert.Contains("'extensions'", error.Problem);
    }

    [Theory]
    [InlineData("/bootstrap")]
    [InlineData("../bootstrap")]
    [InlineData("extensions/../../bootstrap")]
    [InlineData("./bootstrap")]
    [InlineData("extensions//agent")]
    [InlineData("C:/bootstrap")]
    [InlineData("extensions\\agent")]
    [InlineData("")]
    public async Task Unsafe_entry_paths_are_rejected_naming_the_path(string entryPath)
    {
        var source = _directory.Write("src/bootstrap", "boot");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            BootstrapZip.WriteAsync(_directory["bootstrap.zip"], [new ZipEntrySource(entryPath, source, Executable: true)], Fixed));

        Assert.Contains(entryPath.Length == 0 ? source : $"'{entryPath}'", error.Problem);
        Assert.NotNull(error.Fix);
        Assert.False(File.Exists(_directory["bootstrap.zip"]));
    }

    [Fact]
    public async Task A_folder_given_as_a_source_file_is_rejected_naming_it()
    {
        Directory.CreateDirectory(_directory["src/folder"]);

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BootstrapZip.WriteAsync(
            _directory["bootstrap.zip"], [new ZipEntrySource("bootstrap", _directory["src/folder"], Executable: true)], Fixed));

        Assert.Contains(_directory["src/folder"], error.Problem);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    /// <summary>bootstrap (executable), a data file and an extension in a folder; sources in a fresh folder.</summary>
    /// <summary>The bytes this process has read so far, from Linux's <c>/proc/self/io</c> (<c>rchar</c>).</summary>
    private static long BytesReadByThisProcess() =>
        long.Parse(File.ReadAllLines("/proc/self/io").Single(l => l.StartsWith("rchar:", StringComparison.Ordinal))["rchar:".Length..].Trim());

    /// <summary>The size of the temporary zip being written in <paramref name="folder"/>; 0 while there is none.</summary>
    private static long TemporaryZipLength(string folder)
    {
        try
        {
            return Directory.GetFiles(folder, ".bootstrap.zip.*.tmp").Select(f => new FileInfo(f).Length).DefaultIfEmpty(0).Max();
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private ZipEntrySource[] TypicalEntries()
    {
        var folder = "src-" + Guid.NewGuid().ToString("N");
        var binary = new byte[4096];
        new Random(1).NextBytes(binary.AsSpan(0, 1024));
        return
        [
            new ZipEntrySource("bootstrap", _directory.Write($"{folder}/bootstrap", binary), Executable: true),
            new ZipEntrySource("config.json", _directory.Write($"{folder}/config.json", "{\"log\":\"info\"}\n"), Executable: false),
            ZipEntrySource.ForDirectory("extensions/"),
            new ZipEntrySource("extensions/agent", _directory.Write($"{folder}/agent", "#!/bin/sh\necho agent\n"), Executable: true),
        ];
    }

    private static async Task<IReadOnlyList<PythonZipEntry>> ReadWithPythonAsync(string zip)
    {
        const string script = """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                print(json.dumps([{"name": i.filename, "create_system": i.create_system, "mode": i.external_attr >> 16} for i in z.infolist()]))
            """;
        var json = string.Join("", await TestTools.PythonAsync(script, zip));
        return JsonSerializer.Deserialize<List<PythonZipEntry>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private sealed record PythonZipEntry(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("create_system")] int CreateSystem,
        [property: System.Text.Json.Serialization.JsonPropertyName("mode")] int Mode);
}
