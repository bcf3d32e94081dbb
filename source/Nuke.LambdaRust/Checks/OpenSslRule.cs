using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// <c>openssl-sys</c> without its <c>vendored</c> feature links the build machine's OpenSSL: zig and cross have no
/// OpenSSL for a foreign target (an error), and natively the binary needs the build machine's libssl soname, which a
/// Lambda runtime may not ship (a warning; Verify then names the library).
/// </summary>
internal sealed class OpenSslRule : IDoctorRule
{
    public string Id => "openssl-sys";

    public string Summary => "openssl-sys links the system OpenSSL (reqwest's default TLS, native-tls) instead of a vendored one";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        foreach (var crate in context.Named("openssl-sys"))
        {
            var node = crate.Crate;
            if (node.BuildsNativeLibraryItself || node.Dependencies.Any(d => context.Graph[d.To].Name == "openssl-src") || context.Variable("OPENSSL_STATIC") is not null)
                continue;

            var foreign = context.IsForeign && context.Compiler is LambdaCompiler.Zig or LambdaCompiler.Cross;
            var viaReqwest = crate.Path.Any(step => step.StartsWith("reqwest ", StringComparison.Ordinal));
            var message = foreign
                ? $"{node.Label} links the system OpenSSL, which {context.Compiler.ToName()} cannot find for {context.Target.Triple}: the build fails in its build script."
                : $"{node.Label} links the build machine's OpenSSL dynamically, so the binary needs that OpenSSL's libssl soname on Lambda ({Shipped(context)}); Verify checks it.";
            var fix = (viaReqwest
                          ? "use rustls: reqwest = { version = \"…\", default-features = false, features = [\"rustls-tls\"] }; or reqwest's \"native-tls-vendored\" feature; "
                          : "")
                      + "or build OpenSSL from source for the target with openssl's \"vendored\" feature (openssl = { version = \"0.10\", features = [\"vendored\"] })";
            yield return DoctorContext.About(crate, Id, foreign ? FindingSeverity.Error : FindingSeverity.Warning, message, Capitalize(fix) + ".");
        }
    }

    private static string Shipped(DoctorContext context)
    {
        var sonames = RuntimeLibraries.For(context.Runtime).All.Where(l => l.Present && l.Soname.StartsWith("libssl.so", StringComparison.Ordinal)).Select(l => l.Soname).ToList();
        return sonames.Count == 0 ? $"{context.Runtime.Identifier} ships no libssl" : $"{context.Runtime.Identifier} ships {string.Join(", ", sonames)}";
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
