namespace Nuke.LambdaRust.Toolchain;

/// <summary>A zig that can be run: the executable, the arguments that go before zig's own (for <c>python3 -m ziglang</c>), its version and where it was found.</summary>
/// <param name="FileName">The executable: zig itself, or python3 for the ziglang package.</param>
/// <param name="PrefixArguments">Arguments before zig's subcommand: empty, or <c>-m ziglang</c>.</param>
/// <param name="Version">What <c>zig version</c> printed (pre-release parts dropped).</param>
/// <param name="Source">Where it came from, for logs and errors: <c>CARGO_ZIGBUILD_ZIG_PATH=/opt/zig/zig</c>, <c>PATH (/usr/bin/zig)</c>.</param>
public sealed record ZigInstallation(string FileName, IReadOnlyList<string> PrefixArguments, Version Version, string Source)
{
    /// <summary>The arguments to run zig's <paramref name="subcommand"/> (<c>cc</c>, <c>ar</c> ...), prefix included.</summary>
    public IReadOnlyList<string> ArgumentsFor(string subcommand) => [.. PrefixArguments, subcommand];

    /// <inheritdoc />
    public override string ToString() => $"zig {ZigLocator.Format(Version)} from {Source}";
}
