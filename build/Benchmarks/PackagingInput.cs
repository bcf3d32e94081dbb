namespace Build.Benchmarks;

/// <summary>
/// A large binary for the packaging case, made of real machine code (the start of the Rust toolchain's own libraries,
/// librustc_driver and LLVM), so that it compresses as a Lambda binary does — random bytes would not compress at all.
/// </summary>
internal static class PackagingInput
{
    public static string Write(string path, long bytes, string sysroot)
    {
        if (File.Exists(path) && new FileInfo(path).Length == bytes)
            return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sources = Directory.EnumerateFiles(Path.Combine(sysroot, "lib"), "*.so*")
            .Order(StringComparer.Ordinal)
            .ToList();
        using var output = File.Create(path);
        var buffer = new byte[1 << 20];
        while (output.Length < bytes)
        {
            var before = output.Length;
            foreach (var source in sources)
            {
                using var input = File.OpenRead(source);
                int read;
                while (output.Length < bytes && (read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, bytes - output.Length))) > 0)
                    output.Write(buffer, 0, read);
                if (output.Length >= bytes)
                    break;
            }

            if (output.Length == before)
                throw new Nuke.LambdaRust.LambdaRustException($"No files to build the packaging input from under '{sysroot}'.", "Check the Rust toolchain's sysroot.");
        }

        return path;
    }
}
