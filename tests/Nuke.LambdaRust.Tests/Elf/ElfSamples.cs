using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Elf;

/// <summary>Builds real binaries of other machines with the cross toolchains, into a test folder.</summary>
internal static class ElfSamples
{
    /// <summary>A small C program using libm and getrandom (GLIBC_2.25), dynamically linked for AArch64 glibc.</summary>
    public static async Task<string> AArch64CProgramAsync(TestDirectory directory)
    {
        var source = directory.Write("hello.c", """
            #include <math.h>
            #include <stdio.h>
            #include <sys/random.h>
            int main(int argc, char **argv) {
                unsigned char bytes[4];
                getrandom(bytes, sizeof bytes, 0);
                printf("%f %d\n", sqrt((double)argc), bytes[0]);
                return 0;
            }
            """);
        var output = directory["hello-aarch64"];
        await TestTools.RunAsync("aarch64-linux-gnu-gcc", "-O1", source, "-o", output, "-lm");
        return output;
    }

    /// <summary>A static AArch64 executable from assembly (no loader, no libraries, no glibc).</summary>
    public static async Task<string> AArch64StaticAsync(TestDirectory directory)
    {
        var source = directory.Write("static.s", ".globl _start\n_start:\n  nop\n");
        await TestTools.RunAsync("aarch64-linux-gnu-as", source, "-o", directory["static.o"]);
        await TestTools.RunAsync("aarch64-linux-gnu-ld", directory["static.o"], "-o", directory["static-aarch64"]);
        return directory["static-aarch64"];
    }

    /// <summary>
    /// A big-endian AArch64 executable linked against a hand-made shared library whose symbol is versioned GLIBC_2.17,
    /// so it has an interpreter, a DT_NEEDED entry and a version need — all in big-endian byte order.
    /// </summary>
    public static Task<string> BigEndianAArch64DynamicAsync(TestDirectory directory) =>
        DynamicAsync(directory, "aarch64-linux-gnu", ["-EB"], ["-EB"], "/lib/ld-linux-aarch64_be.so.1", "ret", "bl foo", "be-aarch64");

    /// <summary>The same kind of dynamic executable for 32-bit x86 (ELFCLASS32).</summary>
    public static Task<string> X86DynamicAsync(TestDirectory directory) =>
        DynamicAsync(directory, "x86_64-linux-gnu", ["--32"], ["-m", "elf_i386"], "/lib/ld-linux.so.2", "ret", "call foo", "i386");

    private static async Task<string> DynamicAsync(
        TestDirectory directory, string prefix, string[] assemblerFlags, string[] linkerFlags, string interpreter, string libraryBody, string call, string name)
    {
        var library = directory.Write($"{name}/lib.s", $".globl foo\n.type foo,%function\nfoo:\n  {libraryBody}\n");
        var versions = directory.Write($"{name}/versions.map", "GLIBC_2.17 { global: foo; local: *; };\n");
        var program = directory.Write($"{name}/main.s", $".globl _start\n_start:\n  {call}\n");
        var folder = directory[name];
        await TestTools.RunAsync($"{prefix}-as", [.. assemblerFlags, library, "-o", Path.Combine(folder, "lib.o")]);
        await TestTools.RunAsync($"{prefix}-ld", [.. linkerFlags, "-shared", "--version-script", versions, "-soname", "libfake.so.6", Path.Combine(folder, "lib.o"), "-o", Path.Combine(folder, "libfake.so.6")]);
        await TestTools.RunAsync($"{prefix}-as", [.. assemblerFlags, program, "-o", Path.Combine(folder, "main.o")]);
        await TestTools.RunAsync($"{prefix}-ld", [.. linkerFlags, "-dynamic-linker", interpreter, Path.Combine(folder, "main.o"), Path.Combine(folder, "libfake.so.6"), "-o", Path.Combine(folder, "program")]);
        return Path.Combine(folder, "program");
    }
}
