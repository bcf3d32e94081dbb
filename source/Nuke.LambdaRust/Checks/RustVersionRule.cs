using System.Globalization;

namespace Nuke.LambdaRust.Checks;

/// <summary>A crate's <c>rust-version</c> above the toolchain's: cargo refuses to build it.</summary>
internal sealed class RustVersionRule : IDoctorRule
{
    public string Id => "rust-version";

    public string Summary => "a crate whose rust-version is newer than the toolchain the build uses";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        if (context.IgnoresRustVersion || Parse(context.RustcVersion) is not { } toolchain)
            yield break;
        foreach (var crate in context.Crates)
        {
            if (Parse(crate.Crate.RustVersion) is not { } needed || needed <= toolchain)
                continue;
            yield return DoctorContext.About(crate, Id, FindingSeverity.Error,
                $"{crate.Crate.Label} needs rustc {crate.Crate.RustVersion} (its rust-version), but the build uses rustc {context.RustcVersion}: cargo refuses to build it.",
                crate.Crate.IsWorkspaceMember
                    ? $"Update the toolchain (rustup update), or lower rust-version in {crate.Crate.Name}'s Cargo.toml."
                    : $"Update the toolchain (rustup update), or pin an older release: cargo update -p {crate.Crate.Name} --precise <version>.");
        }
    }

    /// <summary><c>1.70</c>, <c>1.70.0</c> or <c>1.97.0-nightly</c> as major.minor.patch.</summary>
    internal static Version? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var numbers = text.Trim().Split('-', 2)[0].Split('.');
        var parts = new int[3];
        for (var index = 0; index < Math.Min(3, numbers.Length); index++)
        {
            if (!int.TryParse(numbers[index], NumberStyles.None, CultureInfo.InvariantCulture, out parts[index]))
                return null;
        }

        return new Version(parts[0], parts[1], parts[2]);
    }
}
