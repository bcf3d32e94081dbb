namespace Nuke.LambdaRust.Checks;

/// <summary>
/// How cargo's <c>links</c> names, crates and shared-library sonames relate: <c>links = "openssl"</c> is libssl and
/// libcrypto, <c>links = "pq"</c> is libpq. Used to say which crate most likely brought in a library, and to know the
/// <c>links</c> key of well-known -sys crates when their manifests cannot be read.
/// </summary>
internal static class NativeLibraryNames
{
    /// <summary>Well-known -sys crates and their <c>links</c> keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownLinks = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["openssl-sys"] = "openssl",
        ["pq-sys"] = "pq",
        ["mysqlclient-sys"] = "mysqlclient",
        ["libsqlite3-sys"] = "sqlite3",
        ["libz-sys"] = "z",
        ["curl-sys"] = "curl",
        ["libgit2-sys"] = "git2",
        ["libssh2-sys"] = "ssh2",
        ["zstd-sys"] = "zstd",
        ["lzma-sys"] = "lzma",
        ["bzip2-sys"] = "bzip2",
    };

    // Libraries whose soname does not follow lib<links>.so.
    private static readonly Dictionary<string, string> SonameStems = new(StringComparer.Ordinal)
    {
        ["ssl"] = "openssl",
        ["crypto"] = "openssl",
        ["bz2"] = "bzip2",
    };

    /// <summary>The <c>links</c> name a soname most likely belongs to: <c>libssl.so.3</c> → <c>openssl</c>, <c>libpq.so.5</c> → <c>pq</c>.</summary>
    public static string LinksNameOf(string soname)
    {
        var stem = soname.StartsWith("lib", StringComparison.Ordinal) ? soname[3..] : soname;
        var dot = stem.IndexOf(".so", StringComparison.Ordinal);
        if (dot >= 0)
            stem = stem[..dot];
        return SonameStems.GetValueOrDefault(stem, stem);
    }

    /// <summary>The sonames a <c>links</c> name stands for, as prefixes: <c>openssl</c> → <c>libssl.so</c>, <c>libcrypto.so</c>.</summary>
    public static IReadOnlyList<string> SonamePrefixes(string linksName) =>
        SonameStems.Where(s => s.Value == linksName).Select(s => $"lib{s.Key}.so").DefaultIfEmpty($"lib{linksName}.so").ToList();
}
