using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// The rules about a built bootstrap's ELF headers, in one place: Compile runs them on what it built, Package before it
/// writes, Verify on what is inside each package. Every finding is reported, not only the first.
/// </summary>
internal static class BinaryRules
{
    /// <summary>What a binary must satisfy: the architecture, the glibc cap and where the cap comes from, the runtime.</summary>
    /// <param name="Artifact">How findings name the binary (its path, or <c>zip!entry</c>).</param>
    /// <param name="Function">The function's name, for messages.</param>
    /// <param name="Package">The function's package, to find the crate behind a library in <paramref name="Graph"/>.</param>
    /// <param name="Architecture">The architecture requested.</param>
    /// <param name="GlibcCap">The newest glibc it may need; null for musl.</param>
    /// <param name="GlibcOrigin">Where the cap comes from: <c>x86_64-unknown-linux-gnu.2.26</c>, <c>provided.al2</c>.</param>
    /// <param name="Runtime">The runtime whose libraries it may use.</param>
    /// <param name="Graph">The dependency graph the Doctor resolved, when it ran.</param>
    internal sealed record Expectation(
        string Artifact, string Function, string Package, LambdaArchitecture Architecture, Version? GlibcCap, string GlibcOrigin, LambdaRuntime Runtime, DependencyGraph? Graph);

    public static IReadOnlyList<CheckFinding> Check(ElfInfo elf, Expectation expected)
    {
        var findings = new List<CheckFinding>();
        if (elf.Architecture != expected.Architecture)
        {
            var found = elf.MachineName + (elf.Is64Bit ? "" : " 32-bit") + (elf.IsBigEndian ? " big-endian" : "");
            findings.Add(new CheckFinding(CheckRules.ElfArchitecture, FindingSeverity.Error, expected.Artifact,
                $"'{expected.Artifact}' is a {found} binary, but the requested architecture is {expected.Architecture.ToLambdaName()} ({ElfMachine.Describe(ElfMachine.Of(expected.Architecture))}).",
                $"Build it for the Rust target {expected.Architecture.ToRustArch()}-unknown-linux-gnu, or request the architecture it was built for; " +
                "if an earlier build for another architecture left it there, clean the output folder and build again."));
        }

        if (expected.GlibcCap is { } cap && elf.MaxGlibcVersion is { } needed && needed > cap)
        {
            var above = elf.GlibcVersionsNeeded.Where(v => v > cap).Select(v => "GLIBC_" + v);
            findings.Add(new CheckFinding(CheckRules.GlibcVersion, FindingSeverity.Error, expected.Artifact,
                $"{expected.Artifact} needs GLIBC_{needed}, but {expected.Function} must run with glibc {cap} ({expected.GlibcOrigin}); Lambda would fail to start it (needs {string.Join(", ", above)}).",
                $"Build with the zig compiler (--compiler zig), which links against the runtime's glibc, or choose a runtime with glibc {needed} or newer (provided.al2023 has 2.34)."));
        }

        var libraries = RuntimeLibraries.For(expected.Runtime);
        foreach (var library in elf.NeededLibraries.Distinct(StringComparer.Ordinal).Where(l => !libraries.Ships(l)))
            findings.Add(MissingLibrary(library, libraries, expected));
        return findings;
    }

    private static CheckFinding MissingLibrary(string library, RuntimeLibraries libraries, Expectation expected)
    {
        var record = libraries.Find(library);
        var why = record is null
            ? $"it is not in the list of libraries {expected.Runtime.Identifier} ships"
            : $"{expected.Runtime.Identifier} does not ship it ({record.Status}: {record.Note}{(record.Sources.Count > 0 ? "; " + string.Join(", ", record.Sources) : "")})";
        var links = NativeLibraryNames.LinksNameOf(library);
        var (culprit, path) = Culprit(links, expected);
        var elsewhere = LambdaRuntime.All.Where(r => r != expected.Runtime && RuntimeLibraries.For(r).Ships(library)).Select(r => r.Identifier).ToList();
        var fix = links == "openssl"
            ? "Drop the system OpenSSL: reqwest with default-features = false and features = [\"rustls-tls\"], or openssl's \"vendored\" feature (builds OpenSSL into the binary)"
            : $"Link {library} statically (the -sys crate's \"bundled\", \"vendored\" or \"static\" feature), or ship it in a layer (/opt/lib is on Lambda's LD_LIBRARY_PATH) and --allow {CheckRules.RuntimeLibrary}";
        if (elsewhere.Count > 0)
            fix += $"; or target {string.Join(" or ", elsewhere)}, which ships it";
        return new CheckFinding(CheckRules.RuntimeLibrary, FindingSeverity.Error, expected.Artifact,
            $"{expected.Artifact} needs {library}, but {why}; most likely brought in by {culprit}.",
            fix + ".") { Path = path };
    }

    /// <summary>The crate that most likely links a library: one with its <c>links</c> key in the function's graph, else a -sys crate named for it.</summary>
    private static (string Culprit, IReadOnlyList<string> Path) Culprit(string links, Expectation expected)
    {
        var known = NativeLibraryNames.KnownLinks.FirstOrDefault(k => k.Value == links).Key ?? $"{links}-sys";
        if (expected.Graph?.Member(expected.Package) is { } root)
        {
            var reachable = expected.Graph.Reachable(root);
            var match = reachable.FirstOrDefault(c => c.Crate.Links == links);
            if (match.Crate is null)
                match = reachable.FirstOrDefault(c => c.Crate.Name == known || c.Crate.Name == $"{links}-sys" || c.Crate.Name == $"lib{links}-sys");
            if (match.Crate is not null)
                return ($"{match.Crate.Label}{(match.Crate.Links is { } key ? $" (links = \"{key}\")" : "")}: {string.Join(" → ", match.Path)}", match.Path);
            return ($"a C library linked by a build script (no crate of the graph has links = \"{links}\")", []);
        }

        return ($"a -sys crate such as {known} (links = \"{links}\"); run Doctor for the crate path", []);
    }
}
