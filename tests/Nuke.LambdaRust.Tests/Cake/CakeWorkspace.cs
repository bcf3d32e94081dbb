using System.IO.Compression;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cake;

/// <summary>A Cake test's folder: a copy of <c>examples/lambda-workspace</c>, its <c>build.cake</c> beside the <c>Cargo.toml</c>.</summary>
internal sealed class CakeWorkspace : IDisposable
{
    /// <summary>The example's functions.</summary>
    public static readonly string[] Functions = ["echo", "goodbye", "hello"];

    private readonly TestDirectory _directory = new("cake build");

    public CakeWorkspace() => ExampleWorkspace.CopyTo(Root);

    /// <summary>The workspace root (with spaces in its path, as users' folders may have).</summary>
    public string Root => _directory.Path;

    /// <summary>The workspace's Cargo.toml.</summary>
    public string Manifest => Path.Combine(Root, "Cargo.toml");

    /// <summary>Where a run for one architecture writes <paramref name="function"/>'s zip (cargo-lambda's layout).</summary>
    public string Zip(string function) => Path.Combine(Root, "target", "lambda", function, "bootstrap.zip");

    /// <summary>
    /// Asserts that <paramref name="function"/>'s zip holds <c>bootstrap</c> at its root, with mode 0755, and that it
    /// is an AArch64 executable (read with the repository's ELF reader).
    /// </summary>
    public void AssertArm64Bootstrap(string function)
    {
        using var zip = ZipFile.OpenRead(Zip(function));
        var entry = Assert.Single(zip.Entries, e => e.FullName == "bootstrap");
        Assert.Equal(0b111_101_101, (entry.ExternalAttributes >> 16) & 0b111_111_111);
        using var bytes = new MemoryStream();
        using (var stream = entry.Open())
            stream.CopyTo(bytes);
        Assert.Equal(ElfMachine.AArch64, ElfInspector.Read(bytes, $"{function}'s bootstrap").Machine);
    }

    public void Dispose() => _directory.Dispose();
}
