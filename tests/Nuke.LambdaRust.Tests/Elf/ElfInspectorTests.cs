using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Elf;

public sealed class ElfInspectorTests : IDisposable
{
    // readelf -h's "Machine:" text for the machines these tests build or find on the host.
    private static readonly Dictionary<string, ushort> ReadElfMachines = new()
    {
        ["Advanced Micro Devices X86-64"] = 62,
        ["AArch64"] = 183,
        ["Intel 80386"] = 3,
    };

    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> HostBinaries => new()
    {
        "/bin/ls",
        // The .NET host running these tests: another real, dynamically linked glibc binary.
        Environment.ProcessPath!,
    };

    [Theory]
    [MemberData(nameof(HostBinaries))]
    public async Task Machine_of_a_host_binary_matches_readelf(string path)
    {
        var readelf = await ReadElf.RunAsync(path);

        var info = ElfInspector.Read(path);

        Assert.Equal(ReadElfMachines[readelf.Machine], info.Machine);
        Assert.Equal(readelf.Class == "ELF64", info.Is64Bit);
        Assert.Equal(LambdaArchitectures.Host, info.Architecture);
    }

    [Theory]
    [MemberData(nameof(HostBinaries))]
    public async Task Needed_libraries_of_a_host_binary_match_readelf(string path)
    {
        var readelf = await ReadElf.RunAsync(path);

        var info = ElfInspector.Read(path);

        Assert.NotEmpty(readelf.Needed);
        Assert.Equal(readelf.Needed, info.NeededLibraries);
    }

    [Theory]
    [MemberData(nameof(HostBinaries))]
    public async Task Glibc_versions_of_a_host_binary_match_readelf_version_needs(string path)
    {
        var readelf = await ReadElf.RunAsync(path);

        var info = ElfInspector.Read(path);

        Assert.NotEmpty(readelf.GlibcVersions);
        Assert.Equal(readelf.GlibcVersions, info.GlibcVersionsNeeded);
        Assert.Equal(readelf.GlibcVersions.Max(), info.MaxGlibcVersion);
    }

    [Theory]
    [MemberData(nameof(HostBinaries))]
    public async Task Interpreter_of_a_host_binary_matches_readelf(string path)
    {
        var readelf = await ReadElf.RunAsync(path);

        var info = ElfInspector.Read(path);

        Assert.NotNull(readelf.Interpreter);
        Assert.Equal(readelf.Interpreter, info.Interpreter);
    }

    [Fact]
    public async Task Cross_compiled_aarch64_program_is_arm64_with_the_libraries_and_glibc_readelf_reports()
    {
        var binary = await ElfSamples.AArch64CProgramAsync(_directory);
        var readelf = await ReadElf.RunAsync(binary);

        var info = ElfInspector.Read(binary);

        Assert.Equal("AArch64", readelf.Machine);
        Assert.Equal(183, info.Machine);
        Assert.Equal("AArch64", info.MachineName);
        Assert.Equal(LambdaArchitecture.Arm64, info.Architecture);
        Assert.True(info.Is64Bit);
        Assert.False(info.IsBigEndian);
        Assert.Equal(readelf.Interpreter, info.Interpreter);
        Assert.Equal(readelf.Needed, info.NeededLibraries);
        Assert.Contains("libm.so.6", info.NeededLibraries);
        Assert.Equal(readelf.GlibcVersions, info.GlibcVersionsNeeded);
        Assert.Equal(readelf.GlibcVersions.Max(), info.MaxGlibcVersion);
    }

    [Fact]
    public async Task Static_binary_has_no_interpreter_libraries_or_glibc_version()
    {
        var binary = await ElfSamples.AArch64StaticAsync(_directory);
        var readelf = await ReadElf.RunAsync(binary);

        var info = ElfInspector.Read(binary);

        Assert.Null(readelf.Interpreter);
        Assert.Empty(readelf.Needed);
        Assert.Equal(LambdaArchitecture.Arm64, info.Architecture);
        Assert.Null(info.Interpreter);
        Assert.Empty(info.NeededLibraries);
        Assert.Null(info.MaxGlibcVersion);
    }

    [Fact]
    public async Task Big_endian_binary_is_read_in_its_byte_order_and_not_runnable_on_lambda()
    {
        var binary = await ElfSamples.BigEndianAArch64DynamicAsync(_directory);
        var readelf = await ReadElf.RunAsync(binary);

        var info = ElfInspector.Read(binary);

        Assert.Contains("big endian", readelf.Data);
        Assert.True(info.IsBigEndian);
        Assert.Equal(183, info.Machine);
        Assert.Null(info.Architecture);
        Assert.Equal(readelf.Interpreter, info.Interpreter);
        Assert.Equal(["libfake.so.6"], readelf.Needed);
        Assert.Equal(readelf.Needed, info.NeededLibraries);
        Assert.Equal([new Version(2, 17)], readelf.GlibcVersions);
        Assert.Equal(readelf.GlibcVersions, info.GlibcVersionsNeeded);
    }

    [Fact]
    public async Task Thirty_two_bit_binary_is_read_and_not_runnable_on_lambda()
    {
        var binary = await ElfSamples.X86DynamicAsync(_directory);
        var readelf = await ReadElf.RunAsync(binary);

        var info = ElfInspector.Read(binary);

        Assert.Equal("ELF32", readelf.Class);
        Assert.False(info.Is64Bit);
        Assert.Equal(ReadElfMachines[readelf.Machine], info.Machine);
        Assert.Null(info.Architecture);
        Assert.Equal(readelf.Interpreter, info.Interpreter);
        Assert.Equal(readelf.Needed, info.NeededLibraries);
        Assert.Equal(readelf.GlibcVersions, info.GlibcVersionsNeeded);
    }

    [Fact]
    public void Text_file_is_rejected_as_not_an_elf_executable_naming_it()
    {
        var script = _directory.Write("bootstrap", "#!/bin/sh\nexec ./my-function\n");

        var error = Assert.Throws<LambdaRustException>(() => ElfInspector.Read(script));

        Assert.Contains($"'{script}' is not an ELF executable", error.Problem);
        Assert.Contains("Linux binary", error.Fix);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    public void Truncated_binary_is_rejected_as_not_an_elf_executable_naming_it(int keptBytes)
    {
        var truncated = _directory.Write("bootstrap", File.ReadAllBytes("/bin/ls")[..keptBytes]);

        var error = Assert.Throws<LambdaRustException>(() => ElfInspector.Read(truncated));

        Assert.Contains($"'{truncated}' is not an ELF executable", error.Problem);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void Missing_binary_is_reported_naming_it()
    {
        var missing = _directory["target/lambda/fn/bootstrap"];

        var error = Assert.Throws<LambdaRustException>(() => ElfInspector.Read(missing));

        Assert.Contains(missing, error.Problem);
        Assert.Contains("does not exist", error.Problem);
    }

    [Fact]
    public void Machine_name_of_an_unknown_machine_shows_its_number()
    {
        var info = new ElfInfo(0x1234, null, true, null, [], []);

        Assert.Equal("unknown (0x1234)", info.MachineName);
    }

    [Theory]
    [InlineData("GLIBC_2.34", "2.34")]
    [InlineData("GLIBC_2.2.5", "2.2.5")]
    [InlineData("GLIBC_PRIVATE", null)]
    [InlineData("GLIBC_ABI_DT_RELR", null)]
    [InlineData("GCC_3.0", null)]
    public void Glibc_version_names_are_parsed_and_others_ignored(string name, string? expected)
    {
        Assert.Equal(expected is null ? null : Version.Parse(expected), ElfInspector.ParseGlibcVersion(name));
    }
}
