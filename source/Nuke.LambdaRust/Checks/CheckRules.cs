namespace Nuke.LambdaRust.Checks;

/// <summary>Every rule id the Doctor and Verify know, with what it checks: what <c>--allow</c> accepts.</summary>
public static class CheckRules
{
    /// <summary>Verify's rules about a package and the binary in it (Compile and Package run the binary ones too).</summary>
    public const string ElfArchitecture = "elf-architecture", GlibcVersion = "glibc-version", RuntimeLibrary = "runtime-library",
        BootstrapEntry = "bootstrap-entry", BootstrapMode = "bootstrap-mode", ZipSize = "zip-size", UnzippedSize = "unzipped-size";

    internal static IReadOnlyList<IDoctorRule> Doctor { get; } =
    [
        new OpenSslRule(),
        new DieselNativeClientRule(),
        new CCrossCompilerRule(),
        new BuildMachineToolsRule(),
        new NativeLibraryRule(),
        new RustflagsRule(),
        new GlibcAboveRuntimeRule(),
        new RustVersionRule(),
    ];

    /// <summary>Every rule id with its one-line summary, Doctor's first.</summary>
    public static IReadOnlyList<(string Id, string Summary)> All { get; } =
    [
        .. Doctor.Select(r => (r.Id, r.Summary)),
        (ElfArchitecture, "the bootstrap's ELF machine is the requested architecture"),
        (GlibcVersion, "the highest GLIBC_x.y the bootstrap needs is at most the runtime's"),
        (RuntimeLibrary, "every DT_NEEDED library is one the runtime ships"),
        (BootstrapEntry, "the zip has the executable at its root (bootstrap) or under extensions/"),
        (BootstrapMode, "the executable's mode is 0755"),
        (ZipSize, "the zip is under Lambda's 50 MB direct-upload limit"),
        (UnzippedSize, "the unzipped package is under Lambda's 250 MB limit"),
    ];

    /// <summary>Checks an allow list: every id must be a rule.</summary>
    /// <exception cref="LambdaRustException">An unknown id, with the closest and the list of rules.</exception>
    public static IReadOnlySet<string> ParseAllowed(IEnumerable<string> ids, string source)
    {
        var known = All.Select(r => r.Id).ToList();
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids.Select(i => i.Trim()).Where(i => i.Length > 0))
        {
            var match = known.FirstOrDefault(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                throw new LambdaRustException(
                    $"Unknown rule '{id}' ({source}).{Cargo.ClosestName.Hint(id, known)}",
                    $"Allow one of: {string.Join(", ", known)}.");
            }

            allowed.Add(match);
        }

        return allowed;
    }
}
