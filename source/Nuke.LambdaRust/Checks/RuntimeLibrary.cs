namespace Nuke.LambdaRust.Checks;

/// <summary>One shared library of a Lambda runtime image, as the repository's data records it.</summary>
/// <param name="Soname">The library's soname, as a binary's <c>DT_NEEDED</c> names it: <c>libssl.so.3</c>.</param>
/// <param name="Present">True when the image ships it.</param>
/// <param name="Established">True when a primary source shows it; false when it is inferred from other facts.</param>
/// <param name="Sources">The ids of the sources cited (<c>S4</c>), see <see cref="RuntimeLibraries.Source"/>.</param>
/// <param name="Note">Why we say so.</param>
public sealed record RuntimeLibrary(string Soname, bool Present, bool Established, IReadOnlyList<string> Sources, string Note)
{
    /// <summary><c>established</c> or <c>inferred</c>.</summary>
    public string Status => Established ? "established" : "inferred";
}
