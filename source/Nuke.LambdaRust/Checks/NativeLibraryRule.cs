namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Any other crate with a <c>links = "..."</c> key that links a system library the runtime does not ship. A crate that
/// compiles its library itself (cc/cmake without pkg-config, or a vendored/bundled/static feature) links it
/// statically and is fine; one that only looks the library up (pkg-config, vcpkg) links it dynamically.
/// </summary>
internal sealed class NativeLibraryRule : IDoctorRule
{
    // These have rules of their own, with better fixes.
    private static readonly HashSet<string> OwnRules = ["openssl-sys", "pq-sys", "mysqlclient-sys"];

    public string Id => "native-library";

    public string Summary => "a crate with a links key for a system library the runtime does not ship";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        var libraries = RuntimeLibraries.For(context.Runtime);
        foreach (var crate in context.Crates)
        {
            var node = crate.Crate;
            if (node.Links is not { } links || OwnRules.Contains(node.Name) || node.BuildsNativeLibraryItself)
                continue;
            var looksUp = node.BuildDependencies.Contains("pkg-config") || node.BuildDependencies.Contains("vcpkg");
            if (node.CompilesC && !looksUp)
                continue; // ring, aws-lc-sys, zstd-sys: built from source, linked statically
            if (libraries.ShipsLinksName(links))
                continue;

            var soname = NativeLibraryNames.SonamePrefixes(links)[0] + ".*";
            yield return DoctorContext.About(crate, Id, node.CompilesC ? FindingSeverity.Warning : FindingSeverity.Error,
                node.CompilesC
                    ? $"{node.Label} links the native library '{links}' ({soname}) and may take the build machine's shared one (it uses pkg-config), which {context.Runtime.Identifier} does not ship."
                    : $"{node.Label} links the system library '{links}' ({soname}), which {context.Runtime.Identifier} does not ship: the function fails to start.",
                $"Enable the crate's feature that builds the library statically (often \"bundled\", \"vendored\" or \"static\"), or ship the library in a layer (/opt/lib) and --allow {Id}.");
        }
    }
}
