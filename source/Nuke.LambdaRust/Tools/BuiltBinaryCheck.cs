using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// What a build checks in each binary as soon as cargo returns: its ELF machine is the requested architecture, and no
/// glibc symbol version it needs is newer than its target's cap (the runtime's glibc). A binary Lambda could not start
/// ("GLIBC_2.34 not found") fails the build that made it, not only a later Package.
/// </summary>
internal static class BuiltBinaryCheck
{
    /// <exception cref="LambdaRustException">A binary is for another CPU, or needs a newer glibc than its target allows.</exception>
    public static void Ensure(IReadOnlyList<LambdaBinary> binaries, LambdaBuildSettings settings)
    {
        var tooNew = new List<(LambdaBinary Binary, Version Needed, Version Cap)>();
        foreach (var binary in binaries)
        {
            var elf = ElfInspector.EnsureArchitecture(binary.Path, binary.Architecture);
            if (binary.Target.Glibc is { } cap && elf.MaxGlibcVersion is { } needed && needed > cap)
                tooNew.Add((binary, needed, cap));
        }

        if (tooNew.Count == 0)
            return;

        var first = tooNew[0];
        var newest = tooNew.Max(t => t.Needed)!;
        var lines = tooNew.Select(t => $"{Environment.NewLine}  {t.Binary.Name} ({t.Binary.Path}) needs GLIBC_{t.Needed}");
        var otherRuntime = newest <= LambdaRuntime.ProvidedAl2023.Glibc && first.Cap < LambdaRuntime.ProvidedAl2023.Glibc
            ? $"; or build for {LambdaRuntime.ProvidedAl2023.Identifier} (--runtime {LambdaRuntime.ProvidedAl2023.Identifier}, glibc {LambdaRuntime.ProvidedAl2023.Glibc})"
            : "";
        var fix = settings.Compiler == LambdaCompiler.Zig
            ? $"Something linked into it (a prebuilt C library, or a -sys crate that ignores CC) was built against a newer glibc: build that part with zig too{otherRuntime}."
            : $"Build with the zig compiler (--compiler zig, or LambdaRustTasks.ZigBuild), which links against glibc {first.Cap} whatever this machine has{otherRuntime}.";
        throw new LambdaRustException(
            $"Built with {settings.Compiler.ToName()} for {first.Binary.Target.TripleWithGlibc}, these binaries need a newer glibc than {CapOrigin(settings, first.Cap)}; " +
            "Lambda would fail to start them:" + string.Concat(lines),
            fix);
    }

    /// <summary>Where the cap came from, in the words of the setting that chose it.</summary>
    private static string CapOrigin(LambdaBuildSettings settings, Version cap) =>
        settings.Glibc is not null ? $"the glibc setting (--glibc) allows ({cap})"
        : settings.Runtime is { } runtime ? $"the runtime {runtime.Identifier} has ({cap})"
        : cap == LambdaRuntime.ProvidedAl2023.Glibc ? $"the default runtime {LambdaRuntime.ProvidedAl2023.Identifier} has ({cap})"
        : $"the project's target allows ({cap})";
}
